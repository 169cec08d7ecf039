using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>What StartProratedSubscription would charge, without starting anything (ADR 0018).</summary>
public sealed record QuoteSubscriptionQuery(string CustomerId, string? PlanId, DateOnly? StartDate, string? Currency, string? CouponCode)
    : IQuery<SubscriptionQuoteDto>, ICustomerScoped;

internal sealed class QuoteSubscriptionValidator : AbstractValidator<QuoteSubscriptionQuery>
{
    public QuoteSubscriptionValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.PlanId).ValidId().WithMessage("The planId is required.");
        RuleFor(c => c.Currency).Must(Domain.Monetary.Currency.IsKnown).When(c => c.Currency is not null)
            .WithMessage("'{PropertyValue}' is not an ISO 4217 currency code (upper case, e.g. EUR).");
        RuleFor(c => c.CouponCode).MaximumLength(64);
    }
}

internal sealed class QuoteSubscriptionHandler(IApplicationDbContext db, CouponRedeemer coupons, SettingsCache settingsCache, TimeProvider time)
    : IQueryHandler<QuoteSubscriptionQuery, SubscriptionQuoteDto>
{
    public async Task<Result<SubscriptionQuoteDto>> Handle(QuoteSubscriptionQuery r, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CustomerId, ct);
        if (customer is null)
        {
            return CustomerErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var today = SubscriptionPricing.Today(now);
        var start = r.StartDate ?? today;
        if (start < today || start > today.AddDays(StartSubscriptionHandler.MaxDaysAhead))
        {
            return Error.Validation("startDate", $"The start date is today ({today:yyyy-MM-dd}) or up to {StartSubscriptionHandler.MaxDaysAhead} days ahead.");
        }

        var priced = await SubscriptionPricing.PlanAndPriceAsync(db, r.PlanId!, r.Currency, ct);
        if (!priced.IsSuccess)
        {
            return priced.Error;
        }

        var (plan, price) = priced.Value;
        var settings = await settingsCache.GetAsync(db, ct);
        // A trial the customer already had is not quoted (ADR 0028): the start would be refused, or paid at once with skipTrial.
        var trialLeft = plan.TrialDays > 0
            && !TrialGrant.Used(settings.TrialPolicy, plan.Id, await db.TrialGrants.AsNoTracking().Where(t => t.CustomerId == customer.Id).ToListAsync(ct));
        DateOnly? trialEndsOn = trialLeft ? start.AddDays(plan.TrialDays) : null;
        var quote = SubscriptionPricing.Quote(plan, price, trialEndsOn ?? start, settings);
        long discount = 0;
        if (r.CouponCode is { } code)
        {
            // The same checks and arithmetic as the charge, on an order that is never saved.
            var order = Order.Place(customer.Id, price.Currency, customer.Country, settings.TaxRateFor(customer.Country), SubscriptionPricing.Lines(plan.Id, plan.Name, quote), OrderPaymentMethod.Gateway, now);
            var found = await coupons.FindAsync(code, customer.Id, now, ct);
            if (!found.IsSuccess)
            {
                return found.Error;
            }

            var terms = CouponRedeemer.ForOrder(found.Value.Campaign, order, found.Value.Code.Code);
            if (!terms.IsSuccess)
            {
                return terms.Error;
            }

            discount = terms.Value.Discount.MinorUnits;
        }

        return SubscriptionQuoteDto.From(quote, discount, trialEndsOn);
    }
}

public sealed record GetSubscriptionQuery(string SubscriptionId) : IQuery<SubscriptionDto>;

internal sealed class GetSubscriptionHandler(SubscriptionReads reads, ICurrentUser user) : IQueryHandler<GetSubscriptionQuery, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(GetSubscriptionQuery r, CancellationToken ct)
    {
        var dto = await reads.LoadAsync(r.SubscriptionId, ct);
        return dto is null || (!user.IsAdmin && dto.CustomerId != user.CustomerId) ? SubscriptionReads.NotFound : dto;
    }
}

/// <summary>A customer's subscriptions, newest first.</summary>
public sealed record ListSubscriptionsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<SubscriptionDto>>, ICustomerScoped, IPagedQuery;

internal sealed class ListSubscriptionsValidator : PagedQueryValidator<ListSubscriptionsQuery>;

internal sealed class ListSubscriptionsHandler(IApplicationDbContext db) : IQueryHandler<ListSubscriptionsQuery, Page<SubscriptionDto>>
{
    public async Task<Result<Page<SubscriptionDto>>> Handle(ListSubscriptionsQuery r, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == r.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        return await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == r.CustomerId)
            .PageByIdAsync(r.Limit, r.Cursor, s => SubscriptionDto.From(s, null, null, null), ct);
    }
}

/// <summary>
/// Cancels at the end of the paid period (the default: the subscriber keeps what they paid for) or
/// now: then access ends now and pending prepayments are canceled. A trial or an unpaid subscription
/// has no paid period, so it ends now either way. Nothing is refunded (ADR 0018).
/// </summary>
public sealed record CancelSubscriptionCommand(string SubscriptionId, bool? AtPeriodEnd) : ICommand<SubscriptionDto>;

internal sealed class CancelSubscriptionHandler(IApplicationDbContext db, IRowLocker locker, ICurrentUser user, SubscriptionReads reads, TimeProvider time)
    : ICommandHandler<CancelSubscriptionCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(CancelSubscriptionCommand r, CancellationToken ct)
    {
        if (await reads.LockOwnedAsync(locker, user, r.SubscriptionId, ct) is not { } subscription)
        {
            return SubscriptionReads.NotFound;
        }

        if (subscription.Status == SubscriptionStatus.Canceled)
        {
            return Error.Conflict("The subscription is already canceled.");
        }

        var now = time.GetUtcNow();
        var paid = subscription.PaidThrough is { } through && Subscription.StartOf(through.AddDays(1)) > now
            && subscription.Status is SubscriptionStatus.Active or SubscriptionStatus.PastDue;
        if (r.AtPeriodEnd != false && paid)
        {
            subscription.ScheduleCancellation(now);
        }
        else
        {
            await SubscriptionEnding.EndNowAsync(db, subscription, r.AtPeriodEnd == false ? "canceled" : "canceled_unpaid", now, ct);
        }

        return await reads.FromTrackedAsync(subscription, ct);
    }
}

internal static class SubscriptionEnding
{
    /// <summary>Cancels now: access ends now, and pending prepayments (with their unpaid orders) are canceled.</summary>
    public static async Task EndNowAsync(IApplicationDbContext db, Subscription subscription, string reason, DateTimeOffset now, CancellationToken ct)
    {
        subscription.Cancel(reason, now);
        await CloseWhatIsOpenAsync(db, subscription, now, ct);
    }

    /// <summary>Ends the subscription's accesses now and cancels its pending prepayments (a cancellation, a plan change).</summary>
    public static async Task CloseWhatIsOpenAsync(IApplicationDbContext db, Subscription subscription, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var access in await db.Accesses.Where(a => a.SubscriptionId == subscription.Id && (a.ExpiresAt == null || a.ExpiresAt > now)).ToListAsync(ct))
        {
            access.EndAt(now);
        }

        foreach (var prepayment in await db.Prepayments.Where(p => p.SubscriptionId == subscription.Id && p.Status == PrepaymentStatus.Pending).ToListAsync(ct))
        {
            await CloseAsync(db, prepayment, expired: false, now, ct);
        }
    }

    /// <summary>Closes a pending prepayment and fails its unpaid order (a payment that succeeds later is credited back to the wallet).</summary>
    public static async Task CloseAsync(IApplicationDbContext db, Prepayment prepayment, bool expired, DateTimeOffset now, CancellationToken ct)
    {
        if (expired)
        {
            prepayment.Expire(now);
        }
        else
        {
            prepayment.Cancel(now);
        }

        if (prepayment.OrderId is { } orderId && await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) is { } order)
        {
            order.MarkFailed(now);
        }
    }
}

/// <summary>
/// Changes how the subscription's next charges are paid: the wallet, or a gateway with a new
/// payment-method token (a new card on file). A risk-rejected consumer keeps to instant methods.
/// </summary>
public sealed record ChangeSubscriptionPaymentMethodCommand(string SubscriptionId, OrderPaymentInput? Payment) : ICommand<SubscriptionDto>;

internal sealed class ChangeSubscriptionPaymentMethodValidator : AbstractValidator<ChangeSubscriptionPaymentMethodCommand>
{
    public ChangeSubscriptionPaymentMethodValidator(Abstractions.Gateways.IPaymentGatewayRegistry gateways, Payments.ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.SubscriptionId).ValidId();
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"gateway\"}.");
        RuleFor(c => c.Payment!).SetValidator(new SubscriptionPaymentValidator(gateways, returnUrls)).When(c => c.Payment is not null);
    }
}

internal sealed class ChangeSubscriptionPaymentMethodHandler(
    IRowLocker locker, ICurrentUser user, SubscriptionReads reads, Payments.GatewayChoice gatewayChoice,
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
