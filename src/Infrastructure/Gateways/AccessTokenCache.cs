namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>
/// An OAuth2 client-credentials token (PayPal, Tink), fetched once and shared until a margin before it expires
/// (at most half its life); concurrent callers wait for the one fetch. A credential: never logged.
/// </summary>
internal sealed class AccessTokenCache(
    TimeProvider time, Func<TimeSpan> margin, Func<CancellationToken, Task<(string Value, TimeSpan Lifetime)>> fetch) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Token? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } current && time.GetUtcNow() < current.RefreshAt)
        {
            return current.Value;
        }

        await _fetching.WaitAsync(ct);
        try
        {
            // Another caller may have fetched while this one waited.
            if (Volatile.Read(ref _current) is { } fetched && time.GetUtcNow() < fetched.RefreshAt)
            {
                return fetched.Value;
            }

            var requestedAt = time.GetUtcNow();
            var (value, lifetime) = await fetch(ct);
            var early = TimeSpan.FromTicks(Math.Min(margin().Ticks, lifetime.Ticks / 2));
            var token = new Token(value, requestedAt + lifetime - early);
            Volatile.Write(ref _current, token);
            return token.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>The provider refused this token (401): forget it, unless another caller has already replaced it.</summary>
    public void Invalidate(string token)
    {
        if (Volatile.Read(ref _current) is { } current && current.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _fetching.Dispose();

    private sealed record Token(string Value, DateTimeOffset RefreshAt)
    {
        public override string ToString() => $"Token {{ RefreshAt = {RefreshAt:O} }}";
    }
}
