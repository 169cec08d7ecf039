using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Subscriptions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using CleanPrepay.Application.Subscriptions.StartProratedSubscription;

namespace CleanPrepay.Application.Subscriptions.QuoteSubscription;

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
        if (start < today || start > today.AddDays(StartProratedSubscriptionHandler.MaxDaysAhead))
        {
            return Error.Validation("startDate", $"The start date is today ({today:yyyy-MM-dd}) or up to {StartProratedSubscriptionHandler.MaxDaysAhead} days ahead.");
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
