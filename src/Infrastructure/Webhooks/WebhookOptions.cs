namespace CleanPrepay.Infrastructure.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets endpoints use http and private, loopback and link-local addresses: for local receivers only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Off: no webhook events are written to the outbox at all (what bench/orders.sh compares against).</summary>
    public bool Enabled { get; set; } = true;

    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Dispatch loops per instance, each sending one claimed batch at a time.</summary>
    public int DispatchLoops { get; set; } = 2;

    /// <summary>How long one attempt may take before it counts as failed (docs/reference/contract.md: 15 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
