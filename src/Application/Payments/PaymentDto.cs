using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments;

public sealed record PaymentDto(
    string Id,
    PaymentStatus Status,
    MoneyDto Amount,
    string Gateway,
    string CustomerId,
    PaymentPurpose Purpose,
    string PurposeId,
    NextActionDto? NextAction,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    PaymentDisputeDto? Dispute = null,
    string? SavedMethodId = null)
{
    public static PaymentDto From(Payment p) => new(
        p.Id,
        p.Status,
        MoneyDto.From(p.Amount),
        p.Gateway,
        p.CustomerId,
        p.Purpose,
        p.PurposeId,
        p.NextActionType is { } type ? new NextActionDto(type, p.NextActionUrl) : null,
        p.FailureCode,
        p.FailureMessage,
        p.CreatedAt,
        p.CompletedAt,
        p.Dispute is { } dispute ? new PaymentDisputeDto(p.DisputeId!, dispute, MoneyDto.From(new Domain.Monetary.Money(p.DisputedAmount, p.Amount.Currency)), p.DisputeReason, p.DisputedAt) : null,
        p.SavedMethodId);
}
