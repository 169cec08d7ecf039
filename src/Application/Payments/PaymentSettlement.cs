using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.Payments;

/// <summary>
/// Talks to the gateway outside any transaction, then records the answer and its consequences
/// (crediting a top-up) in one locked unit of work. A success is applied once, whoever reports it.
/// </summary>
internal sealed class PaymentSettlement(
    IApplicationDbContext db,
    IUnitOfWork unitOfWork,
    IRowLocker locker,
    IPaymentGatewayRegistry gateways,
    ICurrentUser user,
    Orders.OrderFulfilment fulfilment,
    TimeProvider time,
    ILogger<PaymentSettlement> logger)
{
    /// <summary>Calls the gateway; a timeout or transport failure is "pending", never "failed".</summary>
    public async Task<GatewayOutcome> CallAsync(
        string gatewayName, Func<IPaymentGateway, Task<GatewayOutcome>> call, string paymentId)
    {
        var gateway = gateways.Find(gatewayName)
            ?? throw new InvalidOperationException($"Gateway '{gatewayName}' is not registered.");
        try
        {
            return await call(gateway);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException)
        {
            logger.LogWarning("Gateway {Gateway} did not answer for payment {PaymentId} ({Exception}); left pending for reconciliation",
                gatewayName, paymentId, ex.GetType().Name);
            return new GatewayOutcome(PaymentStatus.Pending, null);
        }
    }

    public Task<Result<Payment>> ApplyAsync(string paymentId, GatewayOutcome outcome, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            async ct =>
            {
                await locker.LockAsync<Payment>(nameof(Payment.Id), paymentId, ct);
                var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
                if (payment is null)
                {
                    return Result<Payment>.Failure(PaymentErrors.NotFound);
                }

                payment.Apply(outcome, time.GetUtcNow());
                var followed = payment.Purpose == PaymentPurpose.TopUp ? await FollowTopUpAsync(payment, ct) : await FollowOrderAsync(payment, ct);
                if (!followed.IsSuccess)
                {
                    return Result<Payment>.Failure(followed.Error);
                }

                return Result<Payment>.Success(payment);
            },
            cancellationToken);

    private async Task<Result> FollowOrderAsync(Payment payment, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == payment.PurposeId, ct);
        if (order is null)
        {
            return Result.Failure(Error.NotFound("The order"));
        }

        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                return await fulfilment.PayAsync(order, null, ct);
            case PaymentStatus.RequiresAction:
                order.MarkRequiresAction();
                break;
            case PaymentStatus.Failed or PaymentStatus.Canceled:
                order.MarkFailed(time.GetUtcNow());
                // A declined card gives an order's coupon back to the account. A subscription prepayment's
                // coupon stays with it: its next attempt reissues the order with the same discount.
                if (order.CouponCode is not null && order.PrepaymentId is null
                    && await db.CouponRedemptions.FirstOrDefaultAsync(r => r.OrderId == order.Id, ct) is { } redemption)
                {
                    redemption.Release();
                    await CouponRedeemer.CountAttachedAsync(db, order.CustomerId, +1, ct);
                }

                await fulfilment.FailAsync(order, ct);
                break;
        }

        return Result.Success();
    }

    private async Task<Result> FollowTopUpAsync(Payment payment, CancellationToken ct)
    {
        var topUp = await db.TopUps.FirstOrDefaultAsync(t => t.Id == payment.PurposeId, ct);
        if (topUp is null)
        {
            return Result.Failure(Error.NotFound("The top-up"));
        }

        await locker.LockAsync<Wallet>(nameof(Wallet.Id), topUp.WalletId, ct);
        var wallet = await db.Wallets.Include(w => w.Pockets).FirstAsync(w => w.Id == topUp.WalletId, ct);
        return topUp.Follow(payment, wallet, user.Actor, time.GetUtcNow());
    }
}
