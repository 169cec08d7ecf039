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

    /// <summary>
    /// The payment's dispute was lost: the provider took <paramref name="amount"/> back. Take back what it paid
    /// for (stored value, accesses). Called once per dispute, under the payment's lock (ADR 0040).
    /// </summary>
    Task<Result> DisputeLostAsync(Payment payment, long amount, CancellationToken ct) => Task.FromResult(Result.Success());
}
