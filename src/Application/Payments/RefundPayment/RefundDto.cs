using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.RefundPayment;

public sealed record RefundDto(string Id, string PaymentId, MoneyDto Amount, long Credits, PaymentStatus Status, DateTimeOffset CreatedAt)
{
    public static RefundDto From(Refund r) => new(r.Id, r.PaymentId, MoneyDto.From(r.Amount), r.Credits, r.Status, r.CreatedAt);
}
