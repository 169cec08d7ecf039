using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Settings;

namespace CleanPrepay.Application.Settings;

/// <summary>
/// The settings as the hot paths read them: one database read per process every
/// <see cref="MaxAge"/> at most. A change made through the API is seen at once by the instance that
/// made it and within <see cref="MaxAge"/> by the others.
/// </summary>
public sealed class SettingsCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private (MerchantSettings Settings, DateTimeOffset LoadedAt)? _entry;

    public async Task<MerchantSettings> GetAsync(IApplicationDbContext db, CancellationToken ct)
    {
        var entry = _entry;
        if (entry is { } e && time.GetUtcNow() - e.LoadedAt < MaxAge)
        {
            return e.Settings;
        }

        var settings = await SettingsStore.LoadAsync(db, time, tracked: false, ct);
        _entry = (settings, time.GetUtcNow());
        return settings;
    }

    public void Invalidate() => _entry = null;
}
