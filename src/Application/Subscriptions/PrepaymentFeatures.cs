using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Subscriptions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>
/// GetPendingPrepayments: prepayments newest first (by creation instant, then id), filtered by status,
/// customer and a creation range [createdFrom, createdTo). A customer sees only their own.
/// </summary>
public sealed record ListPrepaymentsQuery(
    PrepaymentStatus? Status, string? CustomerId, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int? Limit, string? Cursor)
    : IQuery<Page<PrepaymentDto>>, IPagedQuery;

internal sealed class ListPrepaymentsValidator : AbstractValidator<ListPrepaymentsQuery>
{
    public ListPrepaymentsValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || PrepaymentCursor.TryDecode(c, out _, out _)).WithMessage("The cursor is not one this API issued.");
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.CustomerId).ValidId().When(q => q.CustomerId is not null);
        RuleFor(q => q.CreatedTo).GreaterThan(q => q.CreatedFrom).When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must be after createdFrom.");
    }
}

/// <summary>Keyset cursor over (created_at, id): the ticks and the id of the last item.</summary>
internal static class PrepaymentCursor
{
    public static string Encode(Prepayment p) => Cursor.Encode($"{p.CreatedAt.UtcTicks}|{p.Id}");

    public static bool TryDecode(string cursor, out DateTimeOffset createdAt, out string id)
    {
        createdAt = default;
        id = string.Empty;
        if (!Cursor.TryDecode(cursor, out var key) || key.Split('|') is not [var ticks, var last] || !long.TryParse(ticks, out var t)
            || t < DateTimeOffset.MinValue.UtcTicks || t > DateTimeOffset.MaxValue.UtcTicks || last.Length == 0)
        {
            return false;
        }

        (createdAt, id) = (new DateTimeOffset(t, TimeSpan.Zero), last);
        return true;
    }
}

internal sealed class ListPrepaymentsHandler(IPrepaymentReads reads, ICurrentUser user) : IQueryHandler<ListPrepaymentsQuery, Page<PrepaymentDto>>
{
    public async Task<Result<Page<PrepaymentDto>>> Handle(ListPrepaymentsQuery r, CancellationToken ct)
    {
        if (!user.TryScopeToCustomer(r.CustomerId, out var customerId))
        {
            return CustomerErrors.NotFound;
        }

        DateTimeOffset? afterAt = null;
        string? afterId = null;
        if (r.Cursor is not null && PrepaymentCursor.TryDecode(r.Cursor, out var at, out var id))
        {
            (afterAt, afterId) = (at, id);
        }

        var limit = r.Limit ?? Cursor.DefaultLimit;
        var rows = await reads.PageAsync(new PrepaymentPageQuery(r.Status, customerId, r.CreatedFrom, r.CreatedTo, afterAt, afterId, limit + 1), ct);
        var items = rows.Take(limit).ToList();
        return new Page<PrepaymentDto>(items.Select(PrepaymentDto.From).ToList(), rows.Count > limit ? PrepaymentCursor.Encode(items[^1]) : null);
    }
}

public sealed record GetPrepaymentQuery(string PrepaymentId) : IQuery<PrepaymentDto>;

internal sealed class GetPrepaymentHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetPrepaymentQuery, PrepaymentDto>
{
    public static readonly Error NotFound = Error.NotFound("The prepayment");

    public async Task<Result<PrepaymentDto>> Handle(GetPrepaymentQuery r, CancellationToken ct)
    {
        var prepayment = await db.Prepayments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PrepaymentId, ct);
        return prepayment is null || (!user.IsAdmin && prepayment.CustomerId != user.CustomerId) ? NotFound : PrepaymentDto.From(prepayment);
    }
}

/// <summary>
/// Pays a pending prepayment (the risk-rejected consumer's, a cardless trial's, or one whose card was
/// declined) with the wallet or a gateway; the method is kept for the renewals. A new attempt is a new
/// order; while one is still awaiting the gateway, another is a 409.
/// </summary>
public sealed record PayPrepaymentCommand(string PrepaymentId, OrderPaymentInput? Payment) : IPhasedCommand<SubscriptionDto>;

internal sealed class PayPrepaymentValidator : AbstractValidator<PayPrepaymentCommand>
{
    public PayPrepaymentValidator(IPaymentGatewayRegistry gateways, Payments.ReturnUrlPolicy returnUrls)
    {
        RuleFor(c => c.PrepaymentId).ValidId();
        RuleFor(c => c.Payment).NotNull().WithMessage("The payment is required: {\"method\": \"wallet\"|\"gateway\"}.");
        RuleFor(c => c.Payment!).SetValidator(new SubscriptionPaymentValidator(gateways, returnUrls)).When(c => c.Payment is not null);
    }
}

internal sealed class PayPrepaymentHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, ICurrentUser user, OrderCharger charger, SettingsCache settingsCache,
    SubscriptionReads reads, GatewayChoice gatewayChoice, IOptions<SubscriptionOptions> options, TimeProvider time)
    : IPhasedCommandHandler<PayPrepaymentCommand, SubscriptionDto>
{
    public async Task<Result<SubscriptionDto>> Handle(PayPrepaymentCommand request, CancellationToken cancellationToken)
    {
        var paid = await unitOfWork.ExecuteAsync(ct => PayAsync(request, ct), cancellationToken);
        return await reads.AfterChargeAsync(
            paid.IsSuccess ? (paid.Value.SubscriptionId, (Payment?)paid.Value.Payment, request.Payment?.PaymentMethod) : paid.Error, charger, "prepayment",
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

        var payment = request.Payment!;
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
            payment.Method == OrderPaymentMethod.Wallet ? RenewalMethod.Wallet : RenewalMethod.Gateway, gateway, gateway is null ? null : payment.PaymentMethod, now);
        var settings = await settingsCache.GetAsync(db, ct);
        var charged = await charger.ChargeAsync(order, payment.Method!.Value, gateway, settings, user.Actor, now, ct, paymentMethod: payment.PaymentMethod);
        return charged.IsSuccess ? (subscription.Id, charged.Value) : charged.Error;
    }
}
