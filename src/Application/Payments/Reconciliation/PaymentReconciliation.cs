using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Payments.Reconciliation;

/// <summary>
/// Claims due payments one by one (moving <c>next_sync_at</c> on by a lease with a compare-and-set,
/// so loops on several instances never pull the same payment at once), asks the provider outside
/// any transaction, and records the answer. An unanswered pull changes nothing but the schedule:
/// a timeout is never a failure. An authorised payment is captured with a stable idempotency key.
/// </summary>
internal sealed class PaymentReconciliation(
    IApplicationDbContext db,
    GatewayCalls calls,
    SettlementCore settlement,
    TimeProvider time,
    IOptions<ReconciliationOptions> options,
    ILogger<PaymentReconciliation> logger) : IPaymentReconciliation
{
    public async Task<ReconciliationPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Payments.AsNoTracking()
            .Where(p => p.NextSyncAt != null && p.NextSyncAt <= now)
            .OrderBy(p => p.NextSyncAt)
            .Take(options.Value.BatchSize)
            .Select(p => new { p.Id, p.NextSyncAt })
            .ToListAsync(cancellationToken);
        int settled = 0, open = 0, abandoned = 0, pulled = 0;
        foreach (var candidate in due)
        {
            // From the clock now, not the pass's start: a slow pass must not take leases already expired.
            var leaseUntil = time.GetUtcNow() + options.Value.ClaimLease;
            var claimed = await db.Payments
                .Where(p => p.Id == candidate.Id && p.NextSyncAt == candidate.NextSyncAt)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.NextSyncAt, leaseUntil), cancellationToken);
            if (claimed == 0)
            {
                continue; // another loop took it
            }

            pulled++;
            try
            {
                var (final, gaveUp) = await PullAsync(candidate.Id, cancellationToken);
                settled += final ? 1 : 0;
                open += final ? 0 : 1;
                abandoned += gaveUp ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One payment's trouble must not stop the pass: its lease brings it back later.
                logger.LogError("Reconciliation of payment {PaymentId} failed: {Exception}", candidate.Id, ex.GetType().Name);
                open++;
            }
        }

        if (pulled > 0)
        {
            logger.LogInformation("Reconciliation pass: {Pulled} pulled, {Settled} settled, {Open} still open, {Abandoned} abandoned", pulled, settled, open, abandoned);
        }

        return new ReconciliationPass(pulled, settled, open, abandoned);
    }

    /// <summary>Asks the provider about one claimed payment (capturing what is authorised, cancelling what the payer abandoned) and records the answer.</summary>
    private async Task<(bool Final, bool Abandoned)> PullAsync(string paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == paymentId, ct);
        var lookup = new GatewayPaymentLookup(payment.Id, payment.ProviderReference, payment.Amount);
        var outcome = await calls.CallAsync(payment.Gateway, g => g.SyncAsync(lookup, CancellationToken.None), payment.Id, lookup);
        var abandoned = false;
        if (outcome.Status is PaymentStatus.RequiresAction or PaymentStatus.Pending && !outcome.Unanswered
            && payment.Status == PaymentStatus.RequiresAction && time.GetUtcNow() - payment.CreatedAt >= options.Value.AbandonAfter)
        {
            // The payer never came back: release the authorisation window at the provider.
            var reference = lookup with { ProviderReference = outcome.ProviderReference ?? lookup.ProviderReference };
            outcome = await calls.CallAsync(payment.Gateway, g => g.CancelAsync(reference, $"{payment.Id}_cancel", CancellationToken.None), payment.Id, reference);
            if (outcome.Status == PaymentStatus.Canceled)
            {
                outcome = outcome with { FailureCode = GatewayFailureCodes.Expired, FailureMessage = "The payer did not complete the payment in time." };
                abandoned = true;
            }
        }

        var applied = await settlement.ApplyAsync(payment.Id, outcome, CancellationToken.None);
        return (applied.IsSuccess && applied.Value.IsFinal, abandoned);
    }
}
