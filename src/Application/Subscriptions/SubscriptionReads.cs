using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Subscriptions;

/// <summary>Reads a subscription with its latest prepayment and that prepayment's payment.</summary>
public sealed class SubscriptionReads(IApplicationDbContext db)
{
    public static readonly Error NotFound = Error.NotFound("The subscription");

    public async Task<SubscriptionDto?> LoadAsync(string subscriptionId, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null)
        {
            return null;
        }

        var prepayment = await db.Prepayments.AsNoTracking().Where(p => p.SubscriptionId == subscriptionId).OrderByDescending(p => p.PeriodStart)
            .FirstOrDefaultAsync(ct);
        var order = prepayment?.OrderId is { } orderId ? await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, ct) : null;
        var payment = order?.PaymentId is { } paymentId ? await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct) : null;
        return SubscriptionDto.From(subscription, prepayment, order, payment);
    }

    /// <summary>
    /// After the unit of work that opened a subscription charge committed: asks the gateway for the money
    /// when the charge waits on it (recorded even if the client has gone), then answers with the subscription.
    /// </summary>
    internal async Task<Result<SubscriptionDto>> AfterChargeAsync(
        Result<(string SubscriptionId, Payment? Payment, string? Token)> charged, ChargePipeline pipeline, string description, string? returnUrl = null)
    {
        if (!charged.IsSuccess)
        {
            return charged.Error;
        }

        var (subscriptionId, payment, token) = charged.Value;
        if (payment is { IsFinal: false })
        {
            var applied = await pipeline.ChargeAsync(new GatewayCharge(payment, token, $"Subscription {subscriptionId} {description}", returnUrl));
            if (!applied.IsSuccess)
            {
                return applied.Error;
            }
        }

        return await LoadAsync(subscriptionId, CancellationToken.None) is { } dto ? dto : NotFound;
    }

    /// <summary>
    /// The subscription, locked for the unit of work and tracked, if the caller may act on it: staff, or
    /// the customer it belongs to (anyone else gets null, a 404, as for a subscription that does not exist).
    /// </summary>
    internal async Task<Subscription?> LockOwnedAsync(IRowLocker locker, ICurrentUser user, string subscriptionId, CancellationToken ct)
    {
        await locker.LockAsync<Subscription>(nameof(Subscription.Id), subscriptionId, ct);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        return subscription is not null && (user.IsAdmin || subscription.CustomerId == user.CustomerId) ? subscription : null;
    }

    /// <summary>The same, inside a unit of work that has not saved yet: tracked reads see its changes.</summary>
    public async Task<SubscriptionDto> FromTrackedAsync(Subscription subscription, CancellationToken ct)
    {
        var prepayment = await db.Prepayments.Where(p => p.SubscriptionId == subscription.Id).OrderByDescending(p => p.PeriodStart).FirstOrDefaultAsync(ct);
        var order = prepayment?.OrderId is { } orderId ? await db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) : null;
        var payment = order?.PaymentId is { } paymentId ? await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct) : null;
        return SubscriptionDto.From(subscription, prepayment, order, payment);
    }
}
