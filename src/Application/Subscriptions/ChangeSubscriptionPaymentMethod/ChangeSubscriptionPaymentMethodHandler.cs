using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPaymentMethod;

internal sealed class ChangeSubscriptionPaymentMethodHandler(
    IRowLocker locker, ICurrentUser user, SubscriptionReads reads, Payments.Charging.GatewayChoice gatewayChoice,
    Microsoft.Extensions.Options.IOptions<SubscriptionOptions> options, TimeProvider time, Payments.Charging.SavedMethodChoice savedMethods)
    : ICommandHandler<ChangeSubscriptionPaymentMethodCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(ChangeSubscriptionPaymentMethodCommand r, CancellationToken ct)
    {
        if (await reads.LockOwnedAsync(locker, user, r.SubscriptionId, ct) is not { } subscription)
        {
            return SubscriptionReads.NotFound;
        }

        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            return Error.Conflict("The subscription is canceled.");
        }

        if (r.Payment!.Save == true)
        {
            return Error.Validation("payment.save", "A method is saved by paying with it, or with POST /v1/customers/{id}/payment-methods; name it here with method 'saved'.");
        }

        var resolved = await OrderPaymentInput.ResolveSavedAsync(r.Payment, savedMethods, subscription.CustomerId, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var payment = resolved.Value!;
        if (subscription.RiskOutcome == RiskOutcome.Rejected && SubscriptionRules.NotInstant(payment, options.Value) is { } notInstant)
        {
            return notInstant;
        }

        var routed = await SubscriptionRules.GatewayForAsync(
            gatewayChoice, payment, subscription.Currency.Code, subscription.CustomerId, subscription.RiskOutcome == RiskOutcome.Rejected, options.Value, ct);
        if (!routed.IsSuccess)
        {
            return routed.Error;
        }

        var gateway = routed.Value;
        subscription.UseForRenewals(
            payment.Method == OrderPaymentMethod.Wallet ? RenewalMethod.Wallet : RenewalMethod.Gateway, gateway, gateway is null ? null : payment.PaymentMethod, time.GetUtcNow(),
            payment.SavedMethodId);
        return await reads.FromTrackedAsync(subscription, ct);
    }
}
