using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Reconciliation;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// The pipeline's settle step: applies a gateway's answer to the payment under its row lock, once
/// whoever reports it (the call, a confirm, a webhook, reconciliation), then hands the payment to the
/// one <see cref="IChargeSettler"/> of its purpose. It knows nothing of what payments pay for.
/// </summary>
internal sealed class SettlementCore(
    IApplicationDbContext db,
    IUnitOfWork unitOfWork,
    IRowLocker locker,
    IServiceProvider services,
    TimeProvider time,
    IOptions<ReconciliationOptions> reconciliation,
    ILogger<SettlementCore> logger)
{
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
        if (payment.Apply(outcome, now) && payment.SaveMethod && outcome.SavedMethod is { } kept)
        {
            await services.GetRequiredService<ISavedMethods>().KeepAsync(payment, kept, ct);
        }

        if (!payment.IsFinal && reconciliation.Value.Enabled)
        {
            // Nobody may tell us the rest (a lost webhook, a payer who never comes back): ask again later.
            payment.ScheduleSync(now, reconciliation.Value.FirstDelay, reconciliation.Value.MaxDelay);
        }

        var followed = await services.GetRequiredKeyedService<IChargeSettler>(payment.Purpose).SettleAsync(payment, ct);
        return followed.IsSuccess ? (payment, payment.Status != before) : followed.Error;
    }

    /// <summary>
    /// Applies a provider's dispute report under the payment's lock, inside the caller's unit of work (the webhook
    /// inbox); a lost dispute is handed to the payment's settler once (ADR 0040). Says whether anything changed.
    /// </summary>
    public async Task<Result<bool>> ApplyDisputeInUnitAsync(string paymentId, Abstractions.Gateways.GatewayDispute dispute, CancellationToken ct)
    {
        await locker.LockAsync<Payment>(nameof(Payment.Id), paymentId, ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return PaymentErrors.NotFound;
        }

        var version = payment.Version;
        var lost = payment.ApplyDispute(dispute.DisputeId, dispute.Status, dispute.Amount, dispute.Reason, time.GetUtcNow());
        if (!lost.IsSuccess)
        {
            logger.LogWarning("Gateway {Gateway} reports a dispute of payment {PaymentId}, which is {Status}; ignored", payment.Gateway, payment.Id, payment.Status);
            return false;
        }

        if (lost.Value)
        {
            var reversed = await services.GetRequiredKeyedService<IChargeSettler>(payment.Purpose).DisputeLostAsync(payment, payment.DisputedAmount, ct);
            if (!reversed.IsSuccess)
            {
                return reversed.Error;
            }
        }

        return payment.Version != version;
    }
}
