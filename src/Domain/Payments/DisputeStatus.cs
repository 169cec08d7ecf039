namespace CleanPrepay.Domain.Payments;

/// <summary>Where a dispute (chargeback) of a payment stands: open, then won or lost (ADR 0040).</summary>
public enum DisputeStatus
{
    Disputed,
    Won,
    Lost,
}
