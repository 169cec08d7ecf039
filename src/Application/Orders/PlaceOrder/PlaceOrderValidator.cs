using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Orders;
using FluentValidation;

namespace CleanPrepay.Application.Orders.PlaceOrder;

internal sealed class PlaceOrderValidator : AbstractValidator<PlaceOrderCommand>
{
    public PlaceOrderValidator(IPaymentGatewayRegistry gateways, ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.Items).NotEmpty().WithMessage("An order has at least one item.")
            .Must(i => i!.Count <= 50).WithMessage("An order has at most 50 items.");
        RuleForEach(c => c.Items).NotNull().WithMessage("An item is an object.").ChildRules(item =>
        {
            item.RuleFor(i => i!).Must(i => new[] { i.VideoId, i.PlanId, i.PackageId }.Count(x => x is not null) == 1)
                .OverridePropertyName("videoId").WithMessage("An item is exactly one of {videoId, mode}, {planId} or {packageId}.");
            item.RuleFor(i => i!.Mode).NotNull().WithMessage("A video is bought with mode 'rent' or 'buy'.").IsInEnum().When(i => i!.VideoId is not null);
            item.RuleFor(i => i!.Mode).Null().WithMessage("mode applies to videos only.").When(i => i!.VideoId is null);
            item.RuleFor(i => i!.VideoId).ValidId().When(i => i!.VideoId is not null);
            item.RuleFor(i => i!.PlanId).ValidId().When(i => i!.PlanId is not null);
            item.RuleFor(i => i!.PackageId).ValidId().When(i => i!.PackageId is not null);
        });
        RuleFor(c => c.Currency).Must(Domain.Monetary.Currency.IsKnown).When(c => c.Currency is not null)
            .WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
        RuleFor(c => c.CouponCode).MaximumLength(64);
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"credits\"|\"gateway\"|\"saved\"}.");
        RuleFor(c => c.Payment!.Method).NotNull().WithMessage("The payment method is required: wallet, credits, gateway or saved.").IsInEnum()
            .When(c => c.Payment is not null);
        RuleFor(c => c.Payment!.ToPaymentInput()).SetValidator(new PaymentInputValidator(gateways, returnUrls))
            .OverridePropertyName("payment")
            .When(c => c.Payment?.Method is OrderPaymentMethod.Gateway or OrderPaymentMethod.Saved);
        RuleFor(c => c.Payment!).Must(p => p.SavedMethodId is null && p.Save != true)
            .OverridePropertyName("payment")
            .WithMessage("savedMethodId goes with method 'saved', and save with method 'gateway'.")
            .When(c => c.Payment?.Method is OrderPaymentMethod.Wallet or OrderPaymentMethod.Credits);
    }
}
