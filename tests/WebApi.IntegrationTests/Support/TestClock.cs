namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>
/// The real clock plus an offset that tests may move forward (never back), to watch time-bound rights
/// end; or frozen at one instant, to check a rule at the exact tick.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;
    private long _frozenUtcTicks = -1;

    public override DateTimeOffset GetUtcNow()
    {
        var frozen = Interlocked.Read(ref _frozenUtcTicks);
        return frozen >= 0 ? new DateTimeOffset(frozen, TimeSpan.Zero) : base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        if (Interlocked.Read(ref _frozenUtcTicks) >= 0)
        {
            Interlocked.Add(ref _frozenUtcTicks, by.Ticks); // a frozen clock moves by exactly that much
        }
    }

    /// <summary>Stops the clock at <paramref name="at"/> (not before now) until the result is disposed; it then runs on from there.</summary>
    public IDisposable FreezeAt(DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at, GetUtcNow());
        Interlocked.Exchange(ref _frozenUtcTicks, at.UtcTicks);
        return new Thaw(this);
    }

    private sealed class Thaw(TestClock clock) : IDisposable
    {
        public void Dispose()
        {
            var frozenAt = Interlocked.Read(ref clock._frozenUtcTicks);
            var real = clock.UtcNowWithoutOffset().UtcTicks;
            Interlocked.Exchange(ref clock._offsetTicks, Math.Max(Interlocked.Read(ref clock._offsetTicks), frozenAt - real));
            Interlocked.Exchange(ref clock._frozenUtcTicks, -1);
        }
    }

    private DateTimeOffset UtcNowWithoutOffset() => base.GetUtcNow();
}
