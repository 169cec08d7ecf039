using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions;

public sealed record PrepaymentDto(
    string Id,
    string CustomerId,
    string SubscriptionId,
    PrepaymentKind Kind,
    MoneyDto Amount,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    PrepaymentStatus Status,
    string? OrderId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? PaidAt)
{
    public static PrepaymentDto From(Prepayment p) => new(
        p.Id, p.CustomerId, p.SubscriptionId, p.Kind, MoneyDto.From(p.Amount), p.PeriodStart, p.PeriodEnd, p.Status, p.OrderId,
        p.Attempts, p.CreatedAt, p.ExpiresAt, p.PaidAt);
}
