namespace CleanPrepay.Application.Payments.Charging;

/// <summary>A gateway charge on a saved method (off-session when the payer is not there), or one whose new method is to be kept.</summary>
public sealed record SavedCharge(string? SavedMethodId, bool OffSession = false, bool Save = false)
{
    public static SavedCharge? From(string? savedMethodId, bool? save) =>
        savedMethodId is null && save != true ? null : new SavedCharge(savedMethodId, Save: savedMethodId is null && save == true);
}
