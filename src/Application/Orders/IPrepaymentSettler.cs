using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// What an order that pays a subscription's prepayment sets in motion. A prepayment is paid by an order
/// (its payment's purpose is <c>order</c>), so the order settler hands such orders here; Subscriptions
/// implements it, and Orders knows nothing of subscriptions (ADR 0032).
/// </summary>
internal interface IPrepaymentSettler
{
    /// <summary>The order is paid; says what the order's side still owes: the money back to the wallet, or the plan's bonuses.</summary>
    Task<PrepaymentOutcome> PaidAsync(Order order, CancellationToken ct);

    /// <summary>The order's payment failed or was canceled.</summary>
    Task FailedAsync(Order order, CancellationToken ct);

    /// <summary>An off-session charge of the order needs the payer (3-D Secure on a renewal).</summary>
    Task ActionRequiredAsync(Order order, Domain.Payments.Payment payment, CancellationToken ct);
}
