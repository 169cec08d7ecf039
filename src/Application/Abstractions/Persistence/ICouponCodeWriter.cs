namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// Writes bulk coupon codes in the current unit of work, in one set-based statement per batch
/// rather than one tracked entity per code (100,000 codes per call).
/// </summary>
public interface ICouponCodeWriter
{
    /// <summary>
    /// Generates and stores <paramref name="count"/> new unique codes for the campaign; a generated
    /// code that collides with an existing one is skipped and replaced, so exactly
    /// <paramref name="count"/> are added. Changes pending in the unit of work (the campaign just
    /// created) are written first. Returns the codes as shown to people.
    /// </summary>
    Task<IReadOnlyList<string>> GenerateAsync(string campaignId, int count, string? prefix, DateTimeOffset now, CancellationToken cancellationToken);
}
