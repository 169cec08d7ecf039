using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Payments.Reconciliation;
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
    Microsoft.Extensions.Options.IOptions<ReconciliationOptions> reconciliation,
    ILogger<PaymentSettlement> logger)
{
    /// <summary>
    /// Calls the gateway. A timeout, transport failure, 5xx, rate limit or open circuit is "pending",
    /// never "failed": reconciliation finds out later. Only a <paramref name="creation"/> the provider
    /// refused as invalid or unauthorised is known to have taken no money, and fails the payment; any
    /// other refused call (a sync with a rotated key, a cancel that came too late) is no answer. When
    /// <paramref name="capture"/> is given, an authorised answer is captured at once (PayPal's approved
    /// orders), unless our record of the payment is already final.
    /// </summary>
    public async Task<GatewayOutcome> CallAsync(
        string gatewayName, Func<IPaymentGateway, Task<GatewayOutcome>> call, string paymentId, GatewayPaymentLookup? capture = null, bool creation = false)
    {
        if (gateways.Find(gatewayName) is not { } gateway)
        {
            logger.LogError("Gateway {Gateway} of payment {PaymentId} is not configured here; left for reconciliation", gatewayName, paymentId);
            return GatewayOutcome.NoAnswer;
        }

        var outcome = await GuardAsync(gatewayName, paymentId, () => call(gateway), creation);
        return capture is not null && outcome.Status == PaymentStatus.Authorized
            ? await CaptureAsync(gatewayName, capture with { ProviderReference = outcome.ProviderReference ?? capture.ProviderReference })
            : outcome;
    }

    /// <summary>
    /// Takes the money of an authorised payment; one idempotency key per payment, so a repeat never
    /// captures twice. Nothing is captured for a payment our record has already closed (canceled while
    /// the payer was approving): that money is never taken.
    /// </summary>
    public async Task<GatewayOutcome> CaptureAsync(string gatewayName, GatewayPaymentLookup payment)
    {
        if (gateways.Find(gatewayName) is not { } gateway)
        {
            return GatewayOutcome.NoAnswer;
        }

        var status = await db.Payments.AsNoTracking().Where(p => p.Id == payment.PaymentId).Select(p => (PaymentStatus?)p.Status).FirstOrDefaultAsync();
        if (status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled)
        {
            logger.LogWarning("Payment {PaymentId} is {Status}: its authorisation at {Gateway} is not captured", payment.PaymentId, status, gatewayName);
            return GatewayOutcome.NoAnswer;
        }

        var outcome = await GuardAsync(gatewayName, payment.PaymentId, () => gateway.CaptureAsync(payment, $"{payment.PaymentId}_capture", CancellationToken.None), creation: false);
        return outcome.Unanswered ? outcome : outcome with { ProviderReference = outcome.ProviderReference ?? payment.ProviderReference };
    }

    private async Task<GatewayOutcome> GuardAsync(string gatewayName, string paymentId, Func<Task<GatewayOutcome>> call, bool creation)
    {
        try
        {
            return await call();
        }
        catch (GatewayException ex) when (creation && ex.Kind is GatewayErrorKind.Authentication or GatewayErrorKind.InvalidRequest)
        {
            logger.LogError("Gateway {Gateway} refused the request for payment {PaymentId}: {Kind} {ProviderCode}", gatewayName, paymentId, ex.Kind, ex.ProviderCode);
            return new GatewayOutcome(
                PaymentStatus.Failed, null, FailureCode: GatewayFailureCodes.GatewayRejected,
                FailureMessage: "The payment provider refused the request; no money was taken.");
        }
        catch (GatewayException ex) when (ex.Kind is GatewayErrorKind.Authentication or GatewayErrorKind.InvalidRequest or GatewayErrorKind.NotFound)
        {
            // Refused, but not a creation: whatever happened to the money is still for the provider to tell.
            logger.LogError("Gateway {Gateway} refused a call about payment {PaymentId}: {Kind} {ProviderCode}; left for reconciliation",
                gatewayName, paymentId, ex.Kind, ex.ProviderCode);
            return GatewayOutcome.NoAnswer;
        }
        catch (Exception ex) when (ex is GatewayException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            logger.LogWarning("Gateway {Gateway} gave no answer for payment {PaymentId} ({Exception} {Kind}); left pending for reconciliation",
                gatewayName, paymentId, ex.GetType().Name, (ex as GatewayException)?.Kind);
            return GatewayOutcome.NoAnswer;
        }
    }

    /// <summary>
    /// A new gateway payment is due for a pull from the moment it is written, before the provider is
    /// called: should we crash between the commit and the answer, reconciliation still finds it (ADR 0021).
    /// </summary>
    public void PlanFirstSync(Payment payment, DateTimeOffset now)
    {
        if (reconciliation.Value.Enabled)
        {
            payment.PlanFirstSync(now + reconciliation.Value.FirstDelay);
        }
    }

    public Task<Result<Payment>> ApplyAsync(string paymentId, GatewayOutcome outcome, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            async ct =>
            {
                var applied = await ApplyInUnitAsync(paymentId, outcome, ct);
                return applied.IsSuccess ? Result<Payment>.Success(applied.Value.Payment) : Result<Payment>.Failure(applied.Error);
            },
            cancellationToken);

    /// <summary>
    /// The same, inside the caller's unit of work (the webhook inbox writes its row in the same
    /// transaction); also says whether this answer changed the payment's status, as seen under its lock.
    /// </summary>
    public async Task<Result<(Payment Payment, bool Changed)>> ApplyInUnitAsync(string paymentId, GatewayOutcome outcome, CancellationToken ct)
    {
        await locker.LockAsync<Payment>(nameof(Payment.Id), paymentId, ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return PaymentErrors.NotFound;
        }

        var now = time.GetUtcNow();
        if (payment.IsFinal)
        {
            // Told again (a webhook after the call's answer, a sync after a webhook): its consequences happened once already.
            if (outcome.Status == PaymentStatus.Succeeded && payment.Status != PaymentStatus.Succeeded && !outcome.Unanswered)
            {
                logger.LogError(
                    "Gateway {Gateway} reports payment {PaymentId} succeeded, but it was closed as {Status}: money may have been taken; refund it at the provider",
                    payment.Gateway, payment.Id, payment.Status);
            }

            return (payment, false);
        }

        var before = payment.Status;
        payment.Apply(outcome, now);
        if (!payment.IsFinal && reconciliation.Value.Enabled)
        {
            // Nobody may tell us the rest (a lost webhook, a payer who never comes back): ask again later.
            payment.ScheduleSync(now, reconciliation.Value.FirstDelay, reconciliation.Value.MaxDelay);
        }

        var followed = payment.Purpose == PaymentPurpose.TopUp ? await FollowTopUpAsync(payment, ct) : await FollowOrderAsync(payment, ct);
        return followed.IsSuccess ? (payment, payment.Status != before) : followed.Error;
    }

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
