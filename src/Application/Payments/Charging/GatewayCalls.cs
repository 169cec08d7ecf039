using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// The pipeline's call step: talks to a gateway outside any transaction (ADR 0011) and turns every
/// way a provider can fail to answer into an outcome, never an exception.
/// </summary>
internal sealed class GatewayCalls(IApplicationDbContext db, IPaymentGatewayRegistry gateways, ILogger<GatewayCalls> logger)
{
    /// <summary>
    /// Calls the gateway. Anything short of a refused <paramref name="creation"/> may have taken money,
    /// so it is "pending" and left to reconciliation (docs/spec/payment-gateways.md#statuses-and-errors).
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
        catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
        {
            logger.LogWarning("Gateway {Gateway} gave no answer for payment {PaymentId} ({Exception} {Kind}); left pending for reconciliation",
                gatewayName, paymentId, ex.GetType().Name, (ex as GatewayException)?.Kind);
            return GatewayOutcome.NoAnswer;
        }
    }
}
