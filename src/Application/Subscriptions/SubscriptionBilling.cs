using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>
/// The renewal worker's pass: expire unpaid prepayments, then bill each claimed due subscription's next
/// span once, however many workers race (docs/spec/subscriptions.md#the-renewal-worker).
/// </summary>
internal sealed class SubscriptionBilling(
    IApplicationDbContext db, IUnitOfWork unitOfWork, ISubscriptionClaims claims, IWalletStore walletStore, OrderCharger charger, ChargePipeline pipeline, SettingsCache settingsCache,
    IOptions<SubscriptionOptions> options, TimeProvider time, ILogger<SubscriptionBilling> logger, IServiceScopeFactory scopes)
    : ISubscriptionBilling
{
    private const string Actor = "system:renewals";

    public async Task<BillingPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var expired = await unitOfWork.ExecuteAsync(ExpireAsync, cancellationToken);
        var gatewayCalls = new List<(Payment Payment, string? Token, string SubscriptionId)>();
        var charged = await unitOfWork.ExecuteAsync(ct => ChargeDueAsync(batch, gatewayCalls, ct), cancellationToken);
        if (!expired.IsSuccess || !charged.IsSuccess)
        {
            logger.LogWarning("A billing pass failed: {Code}", (expired.IsSuccess ? charged.Error : expired.Error)?.Code);
            return new BillingPass(0, 0, 0, 0, 0, 0);
        }

        if (gatewayCalls.Count == 1 || options.Value.ChargeConcurrency <= 1)
        {
            foreach (var (payment, token, subscriptionId) in gatewayCalls)
            {
                await pipeline.ChargeAsync(new GatewayCharge(payment, token, $"Subscription {subscriptionId} renewal"));
            }
        }
        else
        {
            // The batch's charges committed together; their gateway calls go out side by side, each settled in a scope of its own.
            await Parallel.ForEachAsync(
                gatewayCalls, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ChargeConcurrency }, async (call, _) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var charges = scope.ServiceProvider.GetRequiredService<ChargePipeline>();
                    await charges.ChargeAsync(new GatewayCharge(call.Payment, call.Token, $"Subscription {call.SubscriptionId} renewal"));
                });
        }

        return charged.Value with { Expired = expired.Value };
    }

    private async Task<Result<int>> ExpireAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var prepayments = await claims.ClaimExpiredAsync(now, options.Value.BatchSize, ct);
        foreach (var prepayment in prepayments)
        {
            await SubscriptionEnding.CloseAsync(db, prepayment, expired: true, now, ct);
            var subscription = await db.Subscriptions.FirstAsync(s => s.Id == prepayment.SubscriptionId, ct);
            if (subscription.Status == SubscriptionStatus.PendingPrepayment)
            {
                await SubscriptionEnding.EndNowAsync(db, subscription, "prepayment_expired", now, ct);
            }
        }

        return prepayments.Count;
    }

    private async Task<Result<BillingPass>> ChargeDueAsync(int batch, List<(Payment, string?, string)> gatewayCalls, CancellationToken ct)
    {
        gatewayCalls.Clear();
        var now = time.GetUtcNow();
        var due = await claims.ClaimDueAsync(now, batch, ct);
        if (due.Count == 0)
        {
            return new BillingPass(0, 0, 0, 0, 0, 0);
        }

        var settings = await settingsCache.GetAsync(db, ct);
        var planIds = due.Select(s => s.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var customerIds = due.Select(s => s.CustomerId).Distinct().ToList();
        var countries = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Country, ct);
        var campaignIds = due.Where(s => s.CouponCampaignId != null).Select(s => s.CouponCampaignId!).Distinct().ToList();
        var campaigns = campaignIds.Count == 0
            ? []
            : await db.CouponCampaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var existing = await ExistingSpansAsync(due, ct);
        var savedMethods = await SavedMethodsAsync(due, ct);
        var wallets = await walletStore.LoadManyForUpdateAsync(
            due.Where(s => s.RenewalMethod == RenewalMethod.Wallet && !s.CancelAtPeriodEnd).Select(s => s.CustomerId).ToList(), ct);

        int charged = 0, paid = 0, failed = 0, canceled = 0, awaiting = 0;
        foreach (var subscription in due)
        {
            if (subscription.CancelAtPeriodEnd)
            {
                await SubscriptionEnding.EndNowAsync(db, subscription, "canceled_at_period_end", now, ct);
                canceled++;
                continue;
            }

            var plan = plans[subscription.PlanId];
            var (kind, from, to, lines, partial) = NextSpan(subscription, plan, settings.DefaultMinPrepaymentPercent);
            var prepayment = existing.GetValueOrDefault((subscription.Id, from, kind));
            if (prepayment is { Status: PrepaymentStatus.Paid })
            {
                // Paid already (a settlement that moved nothing forward): never bill a span twice.
                subscription.Paid(prepayment.PeriodEnd, now);
                continue;
            }

            if (prepayment is { Status: not PrepaymentStatus.Pending })
            {
                logger.LogWarning("Subscription {SubscriptionId}: its next span is {Status}; left for staff", subscription.Id, prepayment.Status);
                subscription.AwaitPrepayment(now);
                continue;
            }

            if (prepayment?.OrderId is { } previous && await db.Orders.FirstOrDefaultAsync(o => o.Id == previous, ct) is { Status: OrderStatus.Pending or OrderStatus.RequiresAction } stale)
            {
                if (stale.PaymentId is { } stalePayment
                    && await db.Payments.AsNoTracking().Where(p => p.Id == stalePayment).Select(p => p.Status).FirstOrDefaultAsync(ct)
                        is PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Authorized)
                {
                    // Its outcome is still unknown (a payer in 3-D Secure, a provider that timed out): a new
                    // attempt could take the money twice. Reconciliation settles it, or cancels it when the
                    // payer never comes back, and the retry schedule takes over from there (ADR 0021).
                    logger.LogInformation("Subscription {SubscriptionId}: its charge {PaymentId} is still open; waiting for its outcome", subscription.Id, stalePayment);
                    subscription.Charging(options.Value.ChargeLease, now);
                    continue;
                }

                // The last attempt ended without settling its order: it is closed and a new one made.
                stale.MarkFailed(now);
            }

            var order = Order.Place(
                subscription.CustomerId, subscription.Price.Currency, countries.GetValueOrDefault(subscription.CustomerId),
                settings.TaxRateFor(countries.GetValueOrDefault(subscription.CustomerId)), lines,
                subscription.RenewalMethod == RenewalMethod.Wallet ? OrderPaymentMethod.Wallet : OrderPaymentMethod.Gateway, now);
            if (subscription.CouponCovers(from) && campaigns.GetValueOrDefault(subscription.CouponCampaignId!) is { } campaign)
            {
                Discount(order, campaign, subscription.CouponCode!);
            }

            db.Orders.Add(order);
            if (prepayment is null)
            {
                prepayment = Prepayment.Open(
                    subscription, kind, order.Total, from, to, kind == PrepaymentKind.Initial ? now + options.Value.PrepaymentExpiry : null, now, partial);
                db.Prepayments.Add(prepayment);
            }

            order.Pays(prepayment.Id);
            prepayment.Attempt(order.Id);
            subscription.Charging(options.Value.ChargeLease, now);
            charged++;
            switch (subscription.RenewalMethod)
            {
                case RenewalMethod.Wallet:
                    var result = await charger.ChargeAsync(order, OrderPaymentMethod.Wallet, null, settings, Actor, now, ct, wallets.GetValueOrDefault(subscription.CustomerId));
                    if (result.IsSuccess)
                    {
                        paid++;
                        break;
                    }

                    failed++;
                    await FailAttemptAsync(subscription, order, kind, now, ct);
                    break;
                case RenewalMethod.Gateway:
                    // Off-session from the saved method, or the customer's default once it is gone (ADR 0038); a token kept from before saved methods still works.
                    var saved = OffSessionMethod(subscription, savedMethods);
                    if (saved is null && subscription.PaymentMethodToken is null)
                    {
                        logger.LogWarning("Subscription {SubscriptionId}: no usable saved payment method to renew with", subscription.Id);
                        failed++;
                        await FailAttemptAsync(subscription, order, kind, now, ct);
                        break;
                    }

                    var payment = await charger.ChargeAsync(
                        order, OrderPaymentMethod.Gateway, saved?.Gateway ?? subscription.Gateway, settings, Actor, now, ct,
                        saved: saved is null ? null : new SavedCharge(saved.Id, OffSession: true));
                    if (!payment.IsSuccess)
                    {
                        // Its gateway is no longer configured (or no longer takes the currency): a failed attempt, retried on schedule.
                        logger.LogWarning("Subscription {SubscriptionId}: its gateway cannot charge ({Code})", subscription.Id, payment.Error.Code);
                        failed++;
                        await FailAttemptAsync(subscription, order, kind, now, ct);
                    }
                    else if (!payment.Value.IsFinal)
                    {
                        gatewayCalls.Add((payment.Value, saved is null ? subscription.PaymentMethodToken : null, subscription.Id));
                    }

                    break;
                default:
                    // A cardless trial ended: the first prepayment waits for the subscriber to pay it.
                    subscription.AwaitPrepayment(now);
                    awaiting++;
                    break;
            }
        }

        return new BillingPass(0, charged, paid, failed, canceled, awaiting);
    }

    /// <summary>The usable saved methods of the customers due in this batch, in one query.</summary>
    private async Task<ILookup<string, SavedPaymentMethod>> SavedMethodsAsync(IReadOnlyList<Subscription> due, CancellationToken ct)
    {
        var customers = due.Where(s => s.RenewalMethod == RenewalMethod.Gateway && !s.CancelAtPeriodEnd).Select(s => s.CustomerId).Distinct().ToList();
        if (customers.Count == 0)
        {
            return Array.Empty<SavedPaymentMethod>().ToLookup(m => m.CustomerId);
        }

        var methods = await db.SavedPaymentMethods.AsNoTracking()
            .Where(m => customers.Contains(m.CustomerId) && m.Status == SavedMethodStatus.Active && m.ProviderMethodId != null)
            .ToListAsync(ct);
        return methods.ToLookup(m => m.CustomerId);
    }

    /// <summary>The subscription's own saved method while it is usable, else the customer's default; null for a subscription renewing on a legacy token with no default.</summary>
    private static SavedPaymentMethod? OffSessionMethod(Subscription subscription, ILookup<string, SavedPaymentMethod> methods)
    {
        var usable = methods[subscription.CustomerId];
        return usable.FirstOrDefault(m => m.Id == subscription.SavedMethodId)
            ?? (subscription.SavedMethodId is not null || subscription.PaymentMethodToken is null ? usable.FirstOrDefault(m => m.IsDefault) : null);
    }

    /// <summary>The span to charge next: the first prepayment from the end of a trial (prorated, ADR 0018), else the full period after the paid one.</summary>
    private static (PrepaymentKind Kind, DateOnly From, DateOnly To, IReadOnlyList<OrderLineDraft> Lines, PartialPeriod? Partial) NextSpan(Subscription subscription, Plan plan, int minPercent)
    {
        if (subscription.PaidThrough is not { } paidThrough)
        {
            var start = subscription.TrialEndsOn ?? subscription.StartDate;
            var quote = Proration.Quote(plan, subscription.Price, start, minPercent);
            return (PrepaymentKind.Initial, quote.PeriodStart, quote.PeriodEnd, SubscriptionPricing.Lines(plan.Id, plan.Name, quote), quote.Partial);
        }

        var period = Proration.Renewal(subscription.Calendar, paidThrough, subscription.Price);
        var renewal = new PrepaymentQuote(period.Amount, period.From, period.To, null, [period], period.Amount);
        return (PrepaymentKind.Renewal, period.From, period.To, SubscriptionPricing.Lines(plan.Id, plan.Name, renewal), null);
    }

    /// <summary>A coupon kept by the subscription discounts this charge too (no redemption is claimed again; the discount is counted when the charge is paid).</summary>
    private static void Discount(Order order, CouponCampaign campaign, string code)
    {
        var terms = CouponRedeemer.ForOrder(campaign, order, code);
        if (terms.IsSuccess && terms.Value.Discount.IsPositive)
        {
            order.ApplyCoupon(code, terms.Value.Discount, terms.Value.Eligible);
        }
    }

    private async Task FailAttemptAsync(Subscription subscription, Order order, PrepaymentKind kind, DateTimeOffset now, CancellationToken ct)
    {
        order.MarkFailed(now);
        if (kind == PrepaymentKind.Renewal)
        {
            subscription.RenewalFailed(options.Value.RetrySchedule, now);
            if (subscription.Status == SubscriptionStatus.Canceled)
            {
                await SubscriptionEnding.EndNowAsync(db, subscription, "payment_failed", now, ct);
            }
        }
        else
        {
            subscription.AwaitPrepayment(now);
        }
    }

    /// <summary>Prepayments already opened for the spans now due (a retry after a failed or stale attempt), by subscription, first day and kind.</summary>
    private async Task<Dictionary<(string, DateOnly, PrepaymentKind), Prepayment>> ExistingSpansAsync(IReadOnlyList<Subscription> due, CancellationToken ct)
    {
        var ids = due.Where(s => !s.CancelAtPeriodEnd).Select(s => s.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        // Only spans from the earliest one due: one index range per subscription, nothing for a first renewal.
        var from = due.Min(s => s.NextChargeFrom);
        var open = await db.Prepayments.Where(p => ids.Contains(p.SubscriptionId) && p.PeriodStart >= from).ToListAsync(ct);
        return open.ToDictionary(p => (p.SubscriptionId, p.PeriodStart, p.Kind));
    }
}
