namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>
/// Wakes this instance's auto top-up worker after a debit, so a top-up follows within a pass rather than a
/// poll. Only a hint: the worker's poll finds every pocket below its threshold anyway, on any instance.
/// </summary>
public sealed class AutoTopUpSignal
{
    private readonly SemaphoreSlim _woken = new(0, 1);

    public void Wake()
    {
        if (_woken.CurrentCount == 0)
        {
            try
            {
                _woken.Release();
            }
            catch (SemaphoreFullException)
            {
                // Woken already.
            }
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _woken.WaitAsync(timeout, ct);
}
