namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// The reads on ApplyCoupon's path, untracked and precompiled: the code, its campaign, whether the
/// customer exists and whether they redeemed the campaign already, in one statement (ADR 0016).
/// </summary>
public interface ICouponReads
{
    /// <summary>Null when no code has that normalised <paramref name="key"/>.</summary>
    Task<CouponLookup?> FindAsync(string key, string customerId, CancellationToken cancellationToken);

    /// <summary>The campaign's cap and expiry as committed now (a fresh read inside the transaction).</summary>
    Task<(int? MaxRedemptions, DateTimeOffset? ExpiredAt)> CapAsync(string campaignId, CancellationToken cancellationToken);
}
