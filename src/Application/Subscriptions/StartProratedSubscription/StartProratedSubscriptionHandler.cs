using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Abstractions.Risk;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Subscriptions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Subscriptions.StartProratedSubscription;

internal sealed class StartProratedSubscriptionHandler(
    IApplicationDbContext db, IPlaceOrderReads reads, IUnitOfWork unitOfWork, OrderCharger charger, ChargePipeline pipeline, CouponRedeemer coupons, SettingsCache settingsCache,
    SubscriptionReads subscriptionReads, GatewayChoice gatewayChoice, IOptions<SubscriptionOptions> options, TimeProvider time,
    ICurrentUser user, IRiskAssessment risk, IRowLocker locker, SavedMethodChoice savedMethods)
    : IPhasedCommandHandler<StartProratedSubscriptionCommand, SubscriptionDto>
{
    /// <summary>How far ahead a start date may be.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>The refusal of a risk outcome sent by anyone but staff: the consumer must not decide their own risk check.</summary>
    public static readonly Error RiskCheckForbidden =
        new("forbidden", "Only the back office may set riskCheck; the server runs the risk check for customers.", ErrorKind.Forbidden);

    public async Task<Result<SubscriptionDto>> Handle(StartProratedSubscriptionCommand request, CancellationToken cancellationToken)
    {
        if (request.RiskCheck is not null && !user.IsAdmin)
        {
            return RiskCheckForbidden;
        }

        var resolved = await OrderPaymentInput.ResolveSavedAsync(request.Payment, savedMethods, request.CustomerId, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        request = request with { Payment = resolved.Value };
        var started = await unitOfWork.ExecuteAsync(ct => StartAsync(request, ct), cancellationToken);
        return await subscriptionReads.AfterChargeAsync(
            started.IsSuccess ? (started.Value.SubscriptionId, started.Value.Payment, request.Payment?.PaymentMethod) : started.Error, pipeline, "start",
            request.Payment?.ReturnUrl);
    }

    private async Task<Result<(string SubscriptionId, Payment? Payment)>> StartAsync(StartProratedSubscriptionCommand request, CancellationToken ct)
    {
        var customer = await reads.CustomerAsync(request.CustomerId, ct);
        if (customer is null)
        {
            return CustomerErrors.NotFound;
        }

        if (customer.Status != CustomerStatus.Active)
        {
            return CustomerErrors.Inactive; // read again inside the transaction: a deactivation that raced the pipeline check still wins
        }

        var now = time.GetUtcNow();
        var today = SubscriptionPricing.Today(now);
        var start = request.StartDate ?? today;
        if (start < today || start > today.AddDays(MaxDaysAhead))
        {
            return Error.Validation("startDate", $"The start date is today ({today:yyyy-MM-dd}) or up to {MaxDaysAhead} days ahead.");
        }

        var settings = await settingsCache.GetAsync(db, ct);
        var priced = await SubscriptionPricing.PlanAndPriceAsync(db, request.PlanId!, request.Currency, ct);
        if (!priced.IsSuccess)
        {
            return priced.Error;
        }

        var (plan, price) = priced.Value;
        if (!settings.Accepts(price.Currency))
        {
            return Error.Validation("currency", CurrencyMessages.NotAccepted(price.Currency.Code));
        }

        // Staff may record the outcome of a check run elsewhere; otherwise the server-side port decides (ADR 0028).
        var riskOutcome = request.RiskCheck?.Outcome ?? await risk.AssessAsync(new RiskSubject(customer.Id, customer.Country, plan.Id, price), ct);
        var rejected = riskOutcome == RiskOutcome.Rejected;
        var payment = request.Payment;
        if (rejected)
        {
            if (!settings.PrepaymentEnabled)
            {
                return new Error(
                    "prepayment_not_enabled",
                    "The risk check rejected the consumer, and the merchant has not enabled prepayment (settings.prepaymentEnabled).",
                    ErrorKind.Unprocessable);
            }

            if (SubscriptionRules.NotInstant(payment, options.Value) is { } notInstant)
            {
                return notInstant;
            }
        }

        if (await db.Subscriptions.AnyAsync(s => s.CustomerId == customer.Id && s.PlanId == plan.Id && s.Status != SubscriptionStatus.Canceled, ct))
        {
            return Error.Conflict($"The customer already has a subscription to '{plan.Name}'; cancel it or change its plan.");
        }

        // The plan's own trial, once per customer and plan, or once in all (settings.trialPolicy, ADR 0028). The customer's row
        // lock makes racing starts take turns, so the second sees the first's grant; the grant's key is the backstop.
        var planTrialDays = rejected || request.SkipTrial == true ? 0 : plan.TrialDays;
        if (planTrialDays > 0)
        {
            await locker.LockAsync<Customer>(nameof(Customer.Id), customer.Id, ct);
            var earlier = await db.TrialGrants.AsNoTracking().Where(t => t.CustomerId == customer.Id).ToListAsync(ct);
            if (TrialGrant.Used(settings.TrialPolicy, plan.Id, earlier))
            {
                return TrialAlreadyUsed(plan.Name, settings.TrialPolicy);
            }
        }

        // A coupon given now: checked before anything is written; a free trial lengthens (or grants) the trial.
        (CouponCampaign Campaign, CouponCode Code)? coupon = null;
        if (request.CouponCode is { } rawCode)
        {
            var found = await coupons.FindAsync(rawCode, customer.Id, now, ct);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            coupon = found.Value;
            if (SubscriptionCoupons.Refusal(found.Value.Campaign, found.Value.Code.Code, plan.Id, price) is { } refusal)
            {
                return refusal;
            }

            if (rejected && found.Value.Campaign.Kind == CouponKind.FreeTrial)
            {
                return CouponRedeemer.Invalid($"The coupon code '{found.Value.Code.Code}' is a free trial, and a consumer the risk check rejected prepays before any access.");
            }
        }

        // Or a free trial waiting on the account.
        var attachedTrial = coupon is null && !rejected && customer.AttachedCoupons > 0 ? await AttachedFreeTrialAsync(customer.Id, plan.Id, ct) : null;

        // Consumers the risk check rejected prepay before any access: no trial for them (ADR 0018).
        var trialDays = rejected ? 0 : planTrialDays + (coupon?.Campaign.FreeTrialDays ?? 0) + (attachedTrial?.Campaign.FreeTrialDays ?? 0);
        if (trialDays > 0 && payment is null && !plan.CardlessTrial)
        {
            return Error.Validation("payment", $"The plan '{plan.Name}' has a trial that needs a payment method for the charge at its end.");
        }

        var method = payment?.Method switch
        {
            OrderPaymentMethod.Wallet => RenewalMethod.Wallet,
            OrderPaymentMethod.Gateway => RenewalMethod.Gateway,
            _ => RenewalMethod.None,
        };
        var routed = await SubscriptionRules.GatewayForAsync(gatewayChoice, payment, price.Currency.Code, customer.Id, rejected, options.Value, ct);
        if (!routed.IsSuccess)
        {
            return routed.Error;
        }

        var gateway = routed.Value;

        var subscription = Subscription.Start(
            customer.Id, plan, price, start, trialDays, method, gateway, method == RenewalMethod.Gateway ? payment!.PaymentMethod : null,
            riskOutcome, now, payment?.SavedMethodId);
        db.Subscriptions.Add(subscription);
        if (attachedTrial is { } taken)
        {
            taken.Redemption.ApplyToSubscription(subscription.Id, now);
            subscription.AttachCoupon(taken.Campaign.Id, taken.Redemption.Code, subscription.TrialEndsOn, now);
            await CouponRedeemer.CountAttachedAsync(db, customer.Id, -1, ct);
        }

        if (subscription.Status == SubscriptionStatus.Trialing)
        {
            if (planTrialDays > 0)
            {
                db.TrialGrants.Add(TrialGrant.Take(settings.TrialPolicy, customer.Id, plan.Id, subscription.Id, now));
            }

            db.Accesses.Add(Access.Grant(
                customer.Id, AccessKind.Subscription, null, plan.Id, null, Later(now, Subscription.StartOf(start)), Subscription.StartOf(subscription.TrialEndsOn!.Value),
                "Trial", "system", subscription.Id));
            if (coupon is var (campaign, code))
            {
                // Claimed now; a free trial is already in the trial's length, a discount waits for the first charge at its end.
                var claimed = await coupons.ClaimAsync(campaign, code, customer.Id, now, ct);
                if (!claimed.IsSuccess)
                {
                    return claimed.Error!;
                }

                db.CouponRedemptions.Add(CouponRedemption.ForSubscription(campaign, code.Key, customer.Id, subscription.Id, now));
                if (campaign.Kind == CouponKind.FreeTrial)
                {
                    subscription.AttachCoupon(campaign.Id, code.Key, subscription.TrialEndsOn, now);
                }
                else
                {
                    SubscriptionCoupons.Keep(subscription, campaign, code.Key, subscription.TrialEndsOn!.Value, now);
                }
            }

            return (subscription.Id, null);
        }

        var quote = SubscriptionPricing.Quote(plan, price, start, settings);
        var order = Order.Place(
            customer.Id, price.Currency, customer.Country, settings.TaxRateFor(customer.Country), SubscriptionPricing.Lines(plan.Id, plan.Name, quote),
            payment?.Method ?? OrderPaymentMethod.Gateway, now);
        db.Orders.Add(order);
        if (coupon is var (couponCampaign, couponCode))
        {
            var redeemed = await coupons.RedeemOnOrderAsync(couponCampaign, couponCode, order, now, ct);
            if (!redeemed.IsSuccess)
            {
                return redeemed.Error;
            }

            redeemed.Value.KeptBy(subscription.Id);
            SubscriptionCoupons.KeepForRenewals(subscription, couponCampaign, couponCode.Key, quote.PeriodStart, now);
        }
        else if (customer.AttachedCoupons > 0)
        {
            var applied = await coupons.ApplyAttachedAsync(order, now, ct);
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }

            if (applied.Value is { } attached)
            {
                attached.KeptBy(subscription.Id);
                var campaign = await db.CouponCampaigns.AsNoTracking().FirstAsync(c => c.Id == attached.CampaignId, ct);
                SubscriptionCoupons.KeepForRenewals(subscription, campaign, attached.Code, quote.PeriodStart, now);
            }
        }

        var prepayment = Prepayment.Open(subscription, PrepaymentKind.Initial, order.Total, quote.PeriodStart, quote.PeriodEnd, now + options.Value.PrepaymentExpiry, now, quote.Partial);
        db.Prepayments.Add(prepayment);
        order.Pays(prepayment.Id);
        prepayment.Attempt(order.Id);
        if (payment is null)
        {
            return (subscription.Id, null);
        }

        var charged = await charger.ChargeAsync(
            order, payment.Method!.Value, gateway, settings, $"customer:{customer.Id}", now, ct, saved: SavedCharge.From(payment.SavedMethodId, payment.Save));
        return charged.IsSuccess ? (subscription.Id, charged.Value) : charged.Error;
    }

    /// <summary>The customer's oldest free-trial coupon on the account that covers <paramref name="planId"/>, if any.</summary>
    private async Task<(CouponRedemption Redemption, CouponCampaign Campaign)?> AttachedFreeTrialAsync(string customerId, string planId, CancellationToken ct)
    {
        var attached = await db.CouponRedemptions.Where(r => r.CustomerId == customerId && r.Status == RedemptionStatus.Attached)
            .OrderBy(r => r.RedeemedAt).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var redemption in attached)
        {
            var campaign = await db.CouponCampaigns.AsNoTracking().FirstAsync(c => c.Id == redemption.CampaignId, ct);
            if (campaign is { Kind: CouponKind.FreeTrial, ExpiredAt: null, AppliesTo: not CouponScope.Order } && campaign.CoversPlan(planId))
            {
                return (redemption, campaign);
            }
        }

        return null;
    }

    /// <summary>A repeat of a trial the customer already had: refused, so that nobody is charged when they expected a free trial.</summary>
    public static Error TrialAlreadyUsed(string planName, TrialPolicy policy) => new(
        "trial_already_used",
        policy == TrialPolicy.PerMerchant
            ? $"The customer has already had a free trial, and the merchant offers one per customer; send skipTrial: true to subscribe to '{planName}' without one."
            : $"The customer has already had the free trial of '{planName}'; send skipTrial: true to subscribe without one.",
        ErrorKind.Unprocessable);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
