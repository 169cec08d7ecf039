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
using CleanPrepay.Domain.Wallets;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPlan;

internal sealed class ChangeSubscriptionPlanHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, ICurrentUser user, OrderCharger charger, ChargePipeline pipeline, IWalletStore wallets,
    SettingsCache settingsCache, SubscriptionReads reads, IOptions<SubscriptionOptions> options, TimeProvider time)
    : IPhasedCommandHandler<ChangeSubscriptionPlanCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(ChangeSubscriptionPlanCommand request, CancellationToken cancellationToken)
    {
        var changed = await unitOfWork.ExecuteAsync(ct => ChangeAsync(request, ct), cancellationToken);
        return await reads.AfterChargeAsync(
            changed.IsSuccess ? (changed.Value.Subscription.Id, changed.Value.Payment, changed.Value.Subscription.PaymentMethodToken) : changed.Error, pipeline, "plan change");
    }

    private async Task<Result<(Subscription Subscription, Payment? Payment)>> ChangeAsync(ChangeSubscriptionPlanCommand request, CancellationToken ct)
    {
        if (await reads.LockOwnedAsync(locker, user, request.SubscriptionId, ct) is not { } subscription)
        {
            return SubscriptionReads.NotFound;
        }

        if (await Customers.CustomerStanding.RefusalAsync(db, subscription.CustomerId, ct) is { } inactive)
        {
            return inactive;
        }

        if (subscription.Status != SubscriptionStatus.Active || subscription.PaidThrough is not { } paidThrough)
        {
            return new Error(
                "subscription_not_active", $"Only an active subscription changes plan; this one is {subscription.Status.ToString().ToLowerInvariant()}.", ErrorKind.Unprocessable);
        }

        if (subscription.PlanId == request.PlanId)
        {
            return Error.Conflict("The subscription is already on this plan.");
        }

        var priced = await SubscriptionPricing.PlanAndPriceAsync(db, request.PlanId!, subscription.Currency.Code, ct);
        if (!priced.IsSuccess)
        {
            return priced.Error;
        }

        var (plan, price) = priced.Value;
        var now = time.GetUtcNow();
        var today = SubscriptionPricing.Today(now);
        if (await db.Prepayments.AnyAsync(p => p.SubscriptionId == subscription.Id && p.Kind == PrepaymentKind.PlanChange && p.PeriodStart == today, ct))
        {
            return Error.Conflict("The subscription already changed plan today; try again tomorrow.");
        }

        if (paidThrough < today)
        {
            return Error.Conflict("The subscription's renewal is being charged; change its plan once the charge settles.");
        }

        var settings = await settingsCache.GetAsync(db, ct);
        var quote = SubscriptionPricing.Quote(plan, price, today, settings);
        var credit = await UnusedCreditAsync(subscription, quote.Partial is null ? today.AddDays(-1) : today, now, ct);
        await SubscriptionEnding.CloseWhatIsOpenAsync(db, subscription, now, ct);

        Wallet? wallet = null;
        if (credit.IsPositive)
        {
            wallet = await wallets.LockAsync(subscription.CustomerId, ct);
            var credited = wallet.Credit(credit, LedgerEntryKind.Refund, subscription.Id, $"Unused days of the previous plan after {today:yyyy-MM-dd}", user.Actor, now);
            if (!credited.IsSuccess)
            {
                return credited.Error;
            }
        }

        subscription.ChangePlan(plan, price, today, now);
        if (subscription.CouponCampaignId is { } campaignId
            && await db.CouponCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct) is { } campaign && !campaign.CoversPlan(plan.Id))
        {
            subscription.DetachCoupon(now); // a coupon for some plans does not follow the subscription to another
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == subscription.CustomerId, ct);
        var method = subscription.RenewalMethod == RenewalMethod.Wallet ? OrderPaymentMethod.Wallet : OrderPaymentMethod.Gateway;
        var order = Order.Place(
            customer.Id, price.Currency, customer.Country, settings.TaxRateFor(customer.Country), SubscriptionPricing.Lines(plan.Id, plan.Name, quote), method, now);
        db.Orders.Add(order);
        var prepayment = Prepayment.Open(
            subscription, PrepaymentKind.PlanChange, order.Total, quote.PeriodStart, quote.PeriodEnd, now + options.Value.PrepaymentExpiry, now, quote.Partial);
        db.Prepayments.Add(prepayment);
        order.Pays(prepayment.Id);
        prepayment.Attempt(order.Id);
        if (subscription.RenewalMethod == RenewalMethod.None)
        {
            return (subscription, null);
        }

        var charged = await charger.ChargeAsync(order, method, subscription.Gateway, settings, user.Actor, now, ct);
        return charged.IsSuccess ? (subscription, charged.Value) : charged.Error;
    }

    /// <summary>
    /// What the paid days after <paramref name="lastKept"/> are worth, span by span, at the rate each was
    /// paid net of what its payment already gave back (refunds, made or reserved, and earlier returns);
    /// the spans stop there. Each span's credit is recorded on its payment, locked here, as returned, so
    /// no refund gives it back a second time (ADR 0027).
    /// </summary>
    private async Task<Money> UnusedCreditAsync(Subscription subscription, DateOnly lastKept, DateTimeOffset now, CancellationToken ct)
    {
        var paid = await db.Prepayments
            .Where(p => p.SubscriptionId == subscription.Id && p.Status == PrepaymentStatus.Paid && p.PeriodEnd > lastKept)
            .OrderBy(p => p.Id)
            .ToListAsync(ct);
        var orderIds = paid.Where(p => p.OrderId != null).Select(p => p.OrderId!).ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var credit = Money.Zero(subscription.Currency);
        foreach (var prepayment in paid)
        {
            var order = prepayment.OrderId is { } id ? orders.GetValueOrDefault(id) : null;
            Payment? payment = null;
            if (order?.PaymentId is { } paymentId)
            {
                // Locked before the wallet, as the refund path does: a refund racing this change sees the return, or this change sees the refund.
                await locker.LockAsync<Payment>(nameof(Payment.Id), paymentId, ct);
                payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
            }

            var givenBack = payment is { Status: PaymentStatus.Succeeded } ? payment.GivenBack : order?.RefundedAmount.MinorUnits ?? 0;
            var span = prepayment.CutAfterDay(lastKept, givenBack);
            if (payment is { Status: PaymentStatus.Succeeded } && span.IsPositive)
            {
                payment.RecordReturn(Math.Min(span.MinorUnits, payment.RefundableAmount), now);
            }

            credit += span;
        }

        return credit;
    }
}
