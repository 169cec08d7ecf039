using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// The consequences of a payment's new status for what it pays for (a top-up credited, an order paid
/// or failed). One per <see cref="PaymentPurpose"/>, marked with <see cref="ChargeSettlerAttribute"/>;
/// <see cref="SettlementCore"/> picks it by the payment's purpose (ADR 0032).
/// </summary>
public interface IChargeSettler
{
    /// <summary>Runs inside the settlement's unit of work, with the payment locked and its outcome applied.</summary>
    Task<Result> SettleAsync(Payment payment, CancellationToken ct);
}
