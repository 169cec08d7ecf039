using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;
using FluentValidation;

namespace CleanPrepay.Application.Payments;

/// <summary>How a client asks to pay: the gateway and a provider token (never card data).</summary>
public sealed record PaymentInput(string? Gateway, string? PaymentMethod)
{
    public override string ToString() => $"PaymentInput {{ Gateway = {Gateway} }}";
}

internal sealed class PaymentInputValidator : AbstractValidator<PaymentInput>
{
    /// <summary>The gateway used when a request names none: the embedded sandbox.</summary>
    public const string DefaultGateway = "sandbox";

    public PaymentInputValidator(IPaymentGatewayRegistry gateways)
    {
        RuleFor(p => p.Gateway)
            .Must(g => g is null || gateways.Find(g) is not null)
            .WithMessage(p => $"'{p.Gateway}' is not a configured gateway; use one of: {string.Join(", ", gateways.Names)}.");
        RuleFor(p => p.PaymentMethod)
            .NotEmpty().WithMessage("The payment method token is required.")
            .MaximumLength(255)
            .Must((p, token) => gateways.Find(p.Gateway ?? DefaultGateway) is not { } gateway || gateway.AcceptsPaymentMethod(token!))
            .WithMessage(p => $"The {p.Gateway ?? DefaultGateway} gateway does not accept this payment method token.");
    }
}

public sealed record NextActionDto(string Type, string? Url);

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
    DateTimeOffset? CompletedAt)
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
        p.CompletedAt);
}
