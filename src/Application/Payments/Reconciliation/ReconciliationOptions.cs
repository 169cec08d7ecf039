namespace CleanPrepay.Application.Payments.Reconciliation;

/// <summary>How unfinished gateway payments are chased (section <c>Reconciliation</c>, ADR 0020).</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>Whether unfinished gateway payments are scheduled for a status pull at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether this instance runs the polling loop (any number of instances may: each payment is claimed).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>The first pull's delay; each further pull waits twice as long, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A payment still waiting for its payer (3-D Secure, a redirect) after this long is canceled at the provider.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Payments pulled per pass.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed payment is held before another loop may pull it (a pass that crashed).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the loop sleeps when nothing is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
