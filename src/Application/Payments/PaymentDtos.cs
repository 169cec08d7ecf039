using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;
using FluentValidation;

namespace CleanPrepay.Application.Payments;

/// <summary>
/// How a client asks to pay: the gateway (or none, to route by currency and country), a provider
/// token (never card data; none for a redirect checkout), and where a redirect brings the payer back.
/// </summary>
public sealed record PaymentInput(string? Gateway, string? PaymentMethod, string? ReturnUrl = null)
{
    public override string ToString() => $"PaymentInput {{ Gateway = {Gateway} }}";
}

internal sealed class PaymentInputValidator : AbstractValidator<PaymentInput>
{
    public PaymentInputValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(p => p.Gateway)
            .Must(g => g is null || gateways.Find(g) is not null)
            .WithMessage(p => $"'{p.Gateway}' is not a configured gateway; use one of: {string.Join(", ", gateways.Names)}.");
        // A card gateway needs a token; a redirect checkout (PayPal, Mollie, Tink, Swish) has none to give.
        RuleFor(p => p.PaymentMethod)
            .NotEmpty().WithMessage("The payment method token is required.")
            .When(p => p.Gateway is null
                ? gateways.Names.All(n => gateways.Find(n)!.Capabilities.RequiresPaymentMethod)
                : gateways.Find(p.Gateway)?.Capabilities.RequiresPaymentMethod == true);
        RuleFor(p => p.PaymentMethod)
            .MaximumLength(255)
            .Must((p, token) => p.Gateway is null
                ? gateways.Names.Any(n => gateways.Find(n)!.AcceptsPaymentMethod(token))
                : gateways.Find(p.Gateway) is not { } gateway || gateway.AcceptsPaymentMethod(token))
            .WithMessage(p => p.Gateway is null
                ? "No configured gateway accepts this payment method token."
                : $"The {p.Gateway} gateway does not accept this payment method token.")
            .When(p => !string.IsNullOrEmpty(p.PaymentMethod));
        RuleFor(p => p.ReturnUrl)
            .MaximumLength(2048)
            .Must(returnUrls.IsAllowed).WithMessage(_ => returnUrls.Describe())
            .When(p => p.ReturnUrl is not null);
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
