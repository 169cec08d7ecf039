namespace CleanPrepay.Application.Orders;

/// <summary>
/// What paying a prepayment's order leaves to the order: <paramref name="CreditBackReason"/> when the
/// prepayment could not take the money (it goes back to the wallet), or the plan whose bonus rules fire.
/// </summary>
internal sealed record PrepaymentOutcome(string? CreditBackReason, string? BonusPlanId = null, string? BonusPlanName = null)
{
    public static readonly PrepaymentOutcome Done = new(CreditBackReason: null);
}
