using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Payments.RefundPayment;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.Payments.ReceiveWebhook;

internal sealed class ReceiveWebhookHandler(
    IApplicationDbContext db,
    IUnitOfWork unitOfWork,
    IPaymentGatewayRegistry gateways,
    ChargePipeline pipeline,
    RefundSettlement refunds,
    ISavedMethods savedMethods,
    TimeProvider time,
    ILogger<ReceiveWebhookHandler> logger) : IPhasedCommandHandler<ReceiveWebhookCommand, WebhookReceiptDto>
{
    private const string Applied = "applied";
    private const string Unchanged = "unchanged";
    private const string UnknownPayment = "unknown_payment";

    public async Task<Result<WebhookReceiptDto>> Handle(ReceiveWebhookCommand request, CancellationToken cancellationToken)
    {
        var gateway = gateways.Find(request.Gateway);
        if (gateway is null)
        {
            return WebhookErrors.UnknownGateway;
        }

        if (gateway.ReadWebhookClaim(request.Request) is { } claim)
        {
            if (claim.Unreadable is { } unreadable)
            {
                logger.LogWarning("Webhook from {Gateway} rejected: {Reason}", request.Gateway, unreadable);
                return WebhookErrors.Unverified(unreadable);
            }

            if (!await NamesOursAsync(gateway.Name, claim.References, cancellationToken) && !await savedMethods.HasSetupAsync(gateway.Name, claim.References, cancellationToken))
            {
                // Acknowledged like a genuine notification we have no use for: a prober learns nothing and costs no provider call.
                logger.LogInformation("Webhook from {Gateway} names no payment or refund of ours; acknowledged without asking the provider", request.Gateway);
                return new WebhookReceiptDto(0, 0, 0);
            }
        }

        WebhookVerification verification;
        try
        {
            verification = await gateway.VerifyWebhookAsync(request.Request, cancellationToken);
        }
        catch (GatewayException ex) when (ex.Kind is GatewayErrorKind.InvalidRequest or GatewayErrorKind.NotFound)
        {
            logger.LogWarning("Webhook from {Gateway} rejected: the provider does not know what it names ({Kind} {Code})", request.Gateway, ex.Kind, ex.ProviderCode);
            return WebhookErrors.Unverified("the provider does not confirm it.");
        }
        catch (GatewayException ex)
        {
            // No answer, or our own credentials refused: not the sender's fault. 503 makes the provider deliver it again.
            logger.Log(
                ex.Kind == GatewayErrorKind.Authentication ? LogLevel.Error : LogLevel.Warning,
                "Webhook from {Gateway} not verified: the provider could not be asked ({Kind})", request.Gateway, ex.Kind);
            return WebhookErrors.ProviderUnavailable;
        }

        if (!verification.Verified)
        {
            logger.LogWarning("Webhook from {Gateway} rejected: {Reason}", request.Gateway, verification.Reason);
            return WebhookErrors.Unverified(verification.Reason ?? "no reason given");
        }

        int applied = 0, duplicates = 0;
        var toCapture = new List<Payment>();
        foreach (var @event in verification.Events)
        {
            var result = await unitOfWork.ExecuteAsync(ct => ApplyAsync(gateway.Name, @event, ct), CancellationToken.None);
            if (!result.IsSuccess)
            {
                return result.Error;
            }

            switch (result.Value.Result)
            {
                case null:
                    duplicates++;
                    break;
                case Applied:
                    applied++;
                    break;
            }

            if (result.Value.Captureable is { } payment)
            {
                toCapture.Add(payment);
            }
        }

        foreach (var payment in toCapture)
        {
            // An approved PayPal order (an authorised intent) is captured once our record says so, after the commit.
            await pipeline.CaptureAsync(payment);
        }

        return new WebhookReceiptDto(verification.Events.Count, applied, duplicates);
    }

    /// <summary>
    /// Whether the ids name a payment or refund of ours on this gateway, or one whose creation call lost
    /// its answer (no provider id yet): its notification is how the provider's id reaches us.
    /// </summary>
    private async Task<bool> NamesOursAsync(string gatewayName, IReadOnlyList<string> references, CancellationToken ct)
    {
        var payments = db.Payments.Where(p => p.Gateway == gatewayName);
        var open = new[] { PaymentStatus.Pending, PaymentStatus.RequiresAction };
        return references.Count > 0 && await payments.AnyAsync(p => references.Contains(p.ProviderReference!) || references.Contains(p.Id), ct)
            || references.Count > 0 && await db.Refunds.AnyAsync(
                r => (references.Contains(r.ProviderReference!) || references.Contains(r.Id)) && payments.Any(p => p.Id == r.PaymentId), ct)
            || await payments.AnyAsync(p => p.ProviderReference == null && open.Contains(p.Status), ct)
            || await db.Refunds.AnyAsync(r => r.ProviderReference == null && r.Status == PaymentStatus.Pending && payments.Any(p => p.Id == r.PaymentId), ct);
    }

    /// <returns>The inbox result, or null when the event was already in the inbox.</returns>
    private async Task<Result<(string? Result, Payment? Captureable)>> ApplyAsync(string gatewayName, GatewayEvent @event, CancellationToken ct)
    {
        if (await db.GatewayWebhookEvents.AnyAsync(e => e.Gateway == gatewayName && e.EventId == @event.EventId, ct))
        {
            return (null, null);
        }

        var now = time.GetUtcNow();
        string result;
        string? targetId;
        Payment? captureable = null;
        if (@event.Subject == GatewayEventSubject.Refund)
        {
            targetId = await db.Refunds.Where(r => r.ProviderReference == @event.ProviderReference
                    && db.Payments.Any(p => p.Id == r.PaymentId && p.Gateway == gatewayName))
                .Select(r => r.Id).FirstOrDefaultAsync(ct);
            if (targetId is null && @event.PaymentReference is { } ourRefund)
            {
                // Our refund call timed out before we learnt the provider's id: the provider echoes ours.
                targetId = await db.Refunds.Where(r => r.Id == ourRefund && r.ProviderReference == null
                        && db.Payments.Any(p => p.Id == r.PaymentId && p.Gateway == gatewayName))
                    .Select(r => r.Id).FirstOrDefaultAsync(ct);
            }
            if (targetId is null)
            {
                result = UnknownPayment;
            }
            else
            {
                var completed = await refunds.CompleteAsync(targetId, new GatewayRefundOutcome(@event.Status, @event.ProviderReference, @event.FailureCode), ct);
                result = completed.IsSuccess && completed.Value.Changed ? Applied : Unchanged;
            }
        }
        else if (@event is { Subject: GatewayEventSubject.Setup, Setup: { } setup })
        {
            // A saved method's set-up finished at the provider (the payer completed 3-D Secure or Mollie's first payment).
            targetId = null;
            result = await savedMethods.ApplySetupAsync(gatewayName, @event.ProviderReference, setup, ct) ? Applied : Unchanged;
        }
        else if (@event is { Subject: GatewayEventSubject.Dispute, Dispute: { } dispute })
        {
            targetId = await db.Payments.Where(p => p.Gateway == gatewayName && p.ProviderReference == @event.ProviderReference).Select(p => p.Id).FirstOrDefaultAsync(ct);
            if (targetId is null && @event.PaymentReference is { } ours)
            {
                // The provider names the disputed payment by the id we gave it (PayPal's custom_id).
                targetId = await db.Payments.Where(p => p.Gateway == gatewayName && p.Id == ours).Select(p => p.Id).FirstOrDefaultAsync(ct);
            }

            if (targetId is null)
            {
                result = UnknownPayment;
            }
            else
            {
                var disputed = await pipeline.DisputeInUnitAsync(targetId, dispute, ct);
                if (!disputed.IsSuccess)
                {
                    return disputed.Error;
                }

                result = disputed.Value ? Applied : Unchanged;
            }
        }
        else
        {
            var reference = @event.ProviderReference;
            var paymentId = await db.Payments.Where(p => p.Gateway == gatewayName && p.ProviderReference == reference).Select(p => p.Id).FirstOrDefaultAsync(ct);
            if (paymentId is null && @event.PaymentReference is { } ours)
            {
                // Our creation call timed out before we learnt the provider's id: the provider echoes ours.
                paymentId = await db.Payments.Where(p => p.Gateway == gatewayName && p.Id == ours).Select(p => p.Id).FirstOrDefaultAsync(ct);
            }

            targetId = paymentId;
            if (paymentId is null)
            {
                result = UnknownPayment;
            }
            else
            {
                var done = await pipeline.SettleInUnitAsync(paymentId, @event.ToOutcome(), ct);
                if (!done.IsSuccess)
                {
                    return done.Error;
                }

                result = done.Value.Changed ? Applied : Unchanged;
                captureable = done.Value.Payment.Status == PaymentStatus.Authorized ? done.Value.Payment : null;
            }
        }

        db.GatewayWebhookEvents.Add(GatewayWebhookEvent.Processed(
            gatewayName, @event.EventId, @event.Type, @event.ProviderReference, @event.Status, result, targetId, now));
        return (result, captureable);
    }
}
