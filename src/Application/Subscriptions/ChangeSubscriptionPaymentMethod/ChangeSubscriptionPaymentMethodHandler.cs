using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPaymentMethod;

internal sealed class ChangeSubscriptionPaymentMethodHandler(
    IRowLocker locker, ICurrentUser user, SubscriptionReads reads, Payments.Charging.GatewayChoice gatewayChoice,
    Microsoft.Extensions.Options.IOptions<SubscriptionOptions> options, TimeProvider time)
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

        var payment = r.Payment!;
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
            payment.Method == OrderPaymentMethod.Wallet ? RenewalMethod.Wallet : RenewalMethod.Gateway, gateway, gateway is null ? null : payment.PaymentMethod, time.GetUtcNow());
        return await reads.FromTrackedAsync(subscription, ct);
    }
}
