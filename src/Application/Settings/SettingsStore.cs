using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Settings;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Settings;

internal static class SettingsStore
{
    /// <summary>The merchant's settings; the migration seeds the row, the default covers an unseeded database.</summary>
    public static async Task<MerchantSettings> LoadAsync(IApplicationDbContext db, TimeProvider time, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Settings : db.Settings.AsNoTracking();
        var settings = await query.FirstOrDefaultAsync(s => s.Id == MerchantSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = MerchantSettings.CreateDefault(time.GetUtcNow());
            if (tracked)
            {
                db.Settings.Add(settings);
            }
        }

        return settings;
    }
}
