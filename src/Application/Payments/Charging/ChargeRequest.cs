using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// What a use case asks the pipeline to open: who pays, how much (fixed from here on), through what
/// (a gateway name, or "wallet", "credits", "none" for money taken in the unit of work) and for what.
/// </summary>
public sealed record ChargeRequest(string CustomerId, string Source, Money Amount, PaymentPurpose Purpose, string PurposeId, long? Credits = null)
{
    /// <summary>The saved method (<c>spm_…</c>) to charge instead of a token.</summary>
    public string? SavedMethodId { get; init; }

    /// <summary>The payer is not there (renewals, auto top-up).</summary>
    public bool OffSession { get; init; }

    /// <summary>Keep the payer's new method once the payment succeeds.</summary>
    public bool SaveMethod { get; init; }
}
