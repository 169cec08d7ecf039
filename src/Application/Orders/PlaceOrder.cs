using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Orders;

public sealed record OrderItemInput(string? VideoId, PurchaseMode? Mode, string? PlanId, string? PackageId);

public sealed record OrderPaymentInput(OrderPaymentMethod? Method, string? Gateway, string? PaymentMethod, string? ReturnUrl = null)
{
    public override string ToString() => $"OrderPaymentInput {{ Method = {Method}, Gateway = {Gateway} }}";
}

/// <summary>
/// PlaceOrder: videos to rent or buy, plans and packages, paid from the wallet, with credits, or
/// through a gateway. The order is in one currency (given, or the first item's main price currency).
/// </summary>
public sealed record PlaceOrderCommand(
    string CustomerId, IReadOnlyList<OrderItemInput?>? Items, string? Currency, string? CouponCode, OrderPaymentInput? Payment)
    : IPhasedCommand<OrderDto>, ICustomerSpending;

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
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"credits\"|\"gateway\"}.");
        RuleFor(c => c.Payment!.Method).NotNull().WithMessage("The payment method is required: wallet, credits or gateway.").IsInEnum()
            .When(c => c.Payment is not null);
        RuleFor(c => new PaymentInput(c.Payment!.Gateway, c.Payment.PaymentMethod, c.Payment.ReturnUrl)).SetValidator(new PaymentInputValidator(gateways, returnUrls))
            .OverridePropertyName("payment")
            .When(c => c.Payment?.Method == OrderPaymentMethod.Gateway);
    }
}

internal sealed class PlaceOrderHandler(
    IApplicationDbContext db, IPlaceOrderReads reads, IUnitOfWork unitOfWork, OrderCharger charger, ChargePipeline pipeline, CouponRedeemer coupons,
    SettingsCache settingsCache, TimeProvider time)
    : IPhasedCommandHandler<PlaceOrderCommand, OrderDto>
{
    public async Task<Result<OrderDto>> Handle(PlaceOrderCommand request, CancellationToken cancellationToken)
    {
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
            order, method, request.Payment.Gateway, settings, $"customer:{customer.Id}", now, ct, paymentMethod: request.Payment.PaymentMethod);
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
