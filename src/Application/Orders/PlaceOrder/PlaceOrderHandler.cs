using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders.PlaceOrder;

internal sealed class PlaceOrderHandler(
    IApplicationDbContext db, IPlaceOrderReads reads, IUnitOfWork unitOfWork, OrderCharger charger, ChargePipeline pipeline, CouponRedeemer coupons,
    SettingsCache settingsCache, SavedMethodChoice savedMethods, TimeProvider time)
    : IPhasedCommandHandler<PlaceOrderCommand, OrderDto>
{
    public async Task<Result<OrderDto>> Handle(PlaceOrderCommand request, CancellationToken cancellationToken)
    {
        var resolved = await OrderPaymentInput.ResolveSavedAsync(request.Payment, savedMethods, request.CustomerId, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        request = request with { Payment = resolved.Value };
        var placed = await unitOfWork.ExecuteAsync(ct => PlaceAsync(request, ct), cancellationToken);
        if (!placed.IsSuccess)
        {
            return placed.Error;
        }

        var (orderId, payment) = placed.Value;
        if (payment.IsFinal)
        {
            // Paid from the wallet (or nothing left to pay) in the unit of work that just committed: answer from what it wrote.
            var order = db.Orders.Local.Single(o => o.Id == orderId);
            var accesses = db.Accesses.Local.Where(a => a.OrderId == orderId).OrderBy(a => a.Id);
            return OrderDto.From(order, payment, accesses, time.GetUtcNow());
        }

        // The gateway may take money from here on: record its answer even if the client goes away.
        var applied = await pipeline.ChargeAsync(new GatewayCharge(payment, request.Payment!.PaymentMethod, $"Order {orderId}", request.Payment.ReturnUrl));
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        return await OrderReads.LoadAsync(db, orderId, time.GetUtcNow(), CancellationToken.None) is { } dto
            ? dto
            : Error.NotFound("The order");
    }

    private async Task<Result<(string OrderId, Payment Payment)>> PlaceAsync(PlaceOrderCommand request, CancellationToken ct)
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

        var settings = await settingsCache.GetAsync(db, ct);
        var method = request.Payment!.Method!.Value;
        var resolved = await ResolveItemsAsync(request.Items!.Select(i => i!).ToList(), request.Currency, method, ct);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var (currency, drafts) = resolved.Value;
        if (!settings.Accepts(currency))
        {
            return Error.Validation("currency", CurrencyMessages.NotAccepted(currency.Code));
        }

        var now = time.GetUtcNow();
        var order = Order.Place(customer.Id, currency, customer.Country, settings.TaxRateFor(customer.Country), drafts, method, now);
        db.Orders.Add(order);
        if (request.CouponCode is { } couponCode)
        {
            var redeemed = await coupons.RedeemOnOrderAsync(couponCode, order, now, ct);
            if (!redeemed.IsSuccess)
            {
                return redeemed.Error;
            }
        }
        else if (customer.AttachedCoupons > 0 && method != OrderPaymentMethod.Credits)
        {
            var applied = await coupons.ApplyAttachedAsync(order, now, ct);
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }
        }

        var charged = await charger.ChargeAsync(
            order, method, request.Payment.Gateway, settings, $"customer:{customer.Id}", now, ct, paymentMethod: request.Payment.PaymentMethod,
            saved: SavedCharge.From(request.Payment.SavedMethodId, request.Payment.Save));
        return charged.IsSuccess ? (order.Id, charged.Value) : charged.Error;
    }

    private async Task<Result<(Currency Currency, List<OrderLineDraft> Drafts)>> ResolveItemsAsync(
        IReadOnlyList<OrderItemInput> items, string? currencyCode, OrderPaymentMethod method, CancellationToken ct)
    {
        var videoIds = items.Where(i => i.VideoId is not null).Select(i => i.VideoId!).Distinct().ToList();
        var planIds = items.Where(i => i.PlanId is not null).Select(i => i.PlanId!).Distinct().ToList();
        var packageIds = items.Where(i => i.PackageId is not null).Select(i => i.PackageId!).Distinct().ToList();
        // Only ask for the kinds of item the order holds: each query is a round trip.
        var videos = videoIds.Count == 0 ? [] : await reads.VideosAsync(videoIds, ct);
        var plans = planIds.Count == 0 ? [] : await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var packages = packageIds.Count == 0
            ? []
            : await db.PrepaymentPackages.AsNoTracking().Where(p => packageIds.Contains(p.Id) && p.DeletedAt == null).ToDictionaryAsync(p => p.Id, ct);

        var lines = new List<(OrderItemKind Kind, string Id, string Description, PriceList Prices, long? Credits, int? Hours, bool Active)>();
        foreach (var item in items)
        {
            if (item.VideoId is { } videoId)
            {
                if (!videos.TryGetValue(videoId, out var video))
                {
                    return Error.NotFound($"The video '{videoId}'");
                }

                var offer = video.Offer(item.Mode!.Value);
                if (offer is null)
                {
                    return Unavailable($"The video '{video.Title}' is not sold to {item.Mode.Value.ToString().ToLowerInvariant()}.");
                }

                var kind = item.Mode == PurchaseMode.Rent ? OrderItemKind.VideoRent : OrderItemKind.VideoBuy;
                lines.Add((kind, video.Id, $"{video.Title} ({item.Mode.Value.ToString().ToLowerInvariant()})", offer.Price, offer.Credits, offer.AccessHours, video.Active));
            }
            else if (item.PlanId is { } planId)
            {
                if (!plans.TryGetValue(planId, out var plan))
                {
                    return Error.NotFound($"The plan '{planId}'");
                }

                lines.Add((OrderItemKind.Plan, plan.Id, plan.Name, plan.Price, null, null, plan.Active));
            }
            else
            {
                if (!packages.TryGetValue(item.PackageId!, out var package))
                {
                    return Error.NotFound($"The prepayment package '{item.PackageId}'");
                }

                lines.Add((OrderItemKind.Package, package.Id, package.Name, new PriceList([package.Price]), null, null, package.Active));
            }
        }

        if (lines.FirstOrDefault(l => !l.Active) is { Id: not null } inactive)
        {
            return Unavailable($"'{inactive.Description}' is not on sale.");
        }

        var currency = currencyCode is null ? lines[0].Prices.Main.Currency : Currency.From(currencyCode);
        var drafts = new List<OrderLineDraft>();
        foreach (var line in lines)
        {
            if (line.Prices.In(currency) is not { } price)
            {
                return new Error("price_unavailable", $"'{line.Description}' has no price in {currency}.", ErrorKind.Unprocessable);
            }

            if (method == OrderPaymentMethod.Credits && line.Credits is null)
            {
                return new Error("credits_not_accepted", $"'{line.Description}' cannot be paid with credits.", ErrorKind.Unprocessable);
            }

            drafts.Add(new OrderLineDraft(line.Kind, line.Id, line.Description, price, line.Credits, line.Hours));
        }

        if (Order.PaymentRefusal(drafts, method) is { } refusal)
        {
            return refusal;
        }

        return (currency, drafts);
    }

    private static Error Unavailable(string message) => new("item_unavailable", message, ErrorKind.Unprocessable);
}
