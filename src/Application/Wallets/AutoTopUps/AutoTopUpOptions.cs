namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>Section <c>AutoTopUp</c>: the worker that charges auto top-ups (ADR 0039).</summary>
public sealed class AutoTopUpOptions
{
    public const string Section = "AutoTopUp";

    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for pockets below their threshold when no debit woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest gap between two passes, however many debits wake it.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long after a failed top-up the next may start (three failures in a row turn it off).</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromHours(1);
}
