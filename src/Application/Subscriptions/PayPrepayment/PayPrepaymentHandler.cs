using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CleanPrepay.Application.Subscriptions.GetPrepayment;

namespace CleanPrepay.Application.Subscriptions.PayPrepayment;

internal sealed class PayPrepaymentHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, ICurrentUser user, OrderCharger charger, ChargePipeline pipeline, SettingsCache settingsCache,
    SubscriptionReads reads, GatewayChoice gatewayChoice, IOptions<SubscriptionOptions> options, TimeProvider time, SavedMethodChoice savedMethods)
    : IPhasedCommandHandler<PayPrepaymentCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(PayPrepaymentCommand request, CancellationToken cancellationToken)
    {
        var paid = await unitOfWork.ExecuteAsync(ct => PayAsync(request, ct), cancellationToken);
        return await reads.AfterChargeAsync(
            paid.IsSuccess ? (paid.Value.SubscriptionId, (Payment?)paid.Value.Payment, request.Payment?.PaymentMethod) : paid.Error, pipeline, "prepayment",
            request.Payment?.ReturnUrl);
    }

    private async Task<Result<(string SubscriptionId, Payment Payment)>> PayAsync(PayPrepaymentCommand request, CancellationToken ct)
    {
        await locker.LockAsync<Prepayment>(nameof(Prepayment.Id), request.PrepaymentId, ct);
        var prepayment = await db.Prepayments.FirstOrDefaultAsync(p => p.Id == request.PrepaymentId, ct);
        if (prepayment is null || (!user.IsAdmin && prepayment.CustomerId != user.CustomerId))
        {
            return GetPrepaymentHandler.NotFound;
        }

        if (await Customers.CustomerStanding.RefusalAsync(db, prepayment.CustomerId, ct) is { } inactive)
        {
            return inactive;
        }

        if (prepayment.Status != PrepaymentStatus.Pending)
        {
            return Error.Conflict($"The prepayment is {prepayment.Status.ToString().ToLowerInvariant()}, not pending.");
        }

        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == prepayment.SubscriptionId, ct);
        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            return Error.Conflict("The subscription is canceled: its prepayments can no longer be paid.");
        }

        var resolved = await OrderPaymentInput.ResolveSavedAsync(request.Payment, savedMethods, prepayment.CustomerId, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var payment = resolved.Value!;
        if (subscription.RiskOutcome == RiskOutcome.Rejected && SubscriptionRules.NotInstant(payment, options.Value) is { } notInstant)
        {
            return notInstant;
        }

        var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == prepayment.OrderId, ct);
        var now = time.GetUtcNow();
        if (order.Status == OrderStatus.Failed)
        {
            // A new attempt: the same lines and discount; the coupon that gave it follows the new order.
            var previous = order.Id;
            order = order.Reissue(payment.Method!.Value, now);
            db.Orders.Add(order);
            prepayment.Attempt(order.Id);
            if (order.CouponCode is not null && await db.CouponRedemptions.FirstOrDefaultAsync(r => r.OrderId == previous, ct) is { } redemption)
            {
                redemption.MovedTo(order.Id);
            }
        }
        else if (order.PaymentId is not null)
        {
            return Error.Conflict("A payment of this prepayment is still awaiting the gateway; confirm or wait for it.");
        }
        else
        {
            order.PayWith(payment.Method!.Value);
        }

        // The renewal worker leaves the subscription alone while this payment is in flight.
        subscription.Charging(options.Value.ChargeLease, now);

        var routed = await SubscriptionRules.GatewayForAsync(
            gatewayChoice, payment, order.Currency.Code, subscription.CustomerId, subscription.RiskOutcome == RiskOutcome.Rejected, options.Value, ct);
        if (!routed.IsSuccess)
        {
            return routed.Error;
        }

        var gateway = routed.Value;
        subscription.UseForRenewals(
            payment.Method == OrderPaymentMethod.Wallet ? RenewalMethod.Wallet : RenewalMethod.Gateway, gateway, gateway is null ? null : payment.PaymentMethod, now,
            payment.SavedMethodId);
        var settings = await settingsCache.GetAsync(db, ct);
        var charged = await charger.ChargeAsync(
            order, payment.Method!.Value, gateway, settings, user.Actor, now, ct, paymentMethod: payment.PaymentMethod,
            saved: SavedCharge.From(payment.SavedMethodId, payment.Save));
        return charged.IsSuccess ? (subscription.Id, charged.Value) : charged.Error;
    }
}
