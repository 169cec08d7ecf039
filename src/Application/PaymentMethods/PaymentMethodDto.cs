using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.PaymentMethods;

/// <summary>A saved payment method as docs/reference/contract.md gives it: never more of the card than the provider's display fields.</summary>
public sealed record PaymentMethodDto(
    string Id,
    string CustomerId,
    string Gateway,
    SavedMethodKind Kind,
    SavedMethodStatus Status,
    PaymentMethodDisplayDto Display,
    bool Default,
    NextActionDto? NextAction,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public static PaymentMethodDto From(SavedPaymentMethod m) => new(
        m.Id,
        m.CustomerId,
        m.Gateway,
        m.Kind,
        m.Status,
        new PaymentMethodDisplayDto(m.Display.Brand, m.Display.Last4, m.Display.ExpMonth, m.Display.ExpYear, m.Display.Email),
        m.IsDefault,
        m.NextActionType is { } type ? new NextActionDto(type, m.NextActionUrl) : null,
        m.FailureCode,
        m.FailureMessage,
        m.CreatedAt,
        m.RevokedAt);
}
