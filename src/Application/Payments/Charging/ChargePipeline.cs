using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Reconciliation;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// The one way money is taken (ADR 0032): <see cref="Open"/> the payment inside the use case's unit of
/// work, then, after the commit, <see cref="ChargeAsync"/> calls the gateway outside any transaction
/// (<see cref="GatewayCalls"/>) and settles its answer (<see cref="SettlementCore"/>), which hands the
/// payment to the settler of its purpose. Confirmations and captures come back through the same steps.
/// </summary>
internal sealed class ChargePipeline(
    IApplicationDbContext db, GatewayCalls calls, SettlementCore settlement, IOptions<ReconciliationOptions> reconciliation, IPaymentGatewayRegistry gateways,
    ISavedMethods savedMethods)
{
    /// <summary>
    /// Opens a gateway payment, pending, in the caller's unit of work. It is due for a pull from the moment
    /// it is written, before the provider is called: after a crash between the commit and the answer,
    /// reconciliation still finds it (ADR 0021).
    /// </summary>
    public Payment Open(ChargeRequest request, DateTimeOffset now)
    {
        var payment = Payment.Start(request.CustomerId, request.Source, request.Amount, request.Purpose, request.PurposeId, now);
        payment.ChargeWith(request.SavedMethodId, request.OffSession, request.SaveMethod);
        if (reconciliation.Value.Enabled)
        {
            payment.PlanFirstSync(now + reconciliation.Value.FirstDelay);
        }

        db.Payments.Add(payment);
        return payment;
    }

    /// <summary>
    /// Records money the unit of work itself took (the wallet, credits, or nothing left to pay): the payment
    /// is final at once, and the caller settles it with the entities it holds, unsaved yet.
    /// </summary>
    public Payment OpenPaid(ChargeRequest request, DateTimeOffset now)
    {
        var payment = Payment.FromWallet(request.CustomerId, request.Source, request.Amount, request.Credits, request.Purpose, request.PurposeId, now);
        db.Payments.Add(payment);
        return payment;
    }

    /// <summary>
    /// After the unit of work committed: asks the gateway for the money (on the payer's token, or on a saved
    /// method, off-session when the payer is not there) and settles its answer, even if the client has gone.
    /// </summary>
    public async Task<Result<Payment>> ChargeAsync(GatewayCharge charge)
    {
        var payment = charge.Payment;
        var outcome = payment.SavedMethodId is { } savedMethodId
            ? await ChargeSavedAsync(payment, savedMethodId, charge)
            : await calls.CallAsync(
                payment.Gateway,
                async g => await g.CreatePaymentAsync(
                    new GatewayPaymentRequest(payment.Id, payment.Amount, charge.PaymentMethodToken, payment.Id, payment.CustomerId, charge.Description)
                    {
                        ReturnUrl = charge.ReturnUrl,
                        SaveForFutureUse = payment.SaveMethod,
                        ProviderCustomerId = payment.SaveMethod ? await ProviderCustomerAsync(g, payment.CustomerId) : null,
                    },
                    CancellationToken.None),
                payment.Id,
                new GatewayPaymentLookup(payment.Id, null, payment.Amount),
                creation: true);
        return await settlement.ApplyAsync(payment.Id, outcome, CancellationToken.None);
    }

    /// <summary>A saved method is charged only while it is usable: one revoked since the charge was opened fails it, and nothing is sent.</summary>
    private async Task<GatewayOutcome> ChargeSavedAsync(Payment payment, string savedMethodId, GatewayCharge charge)
    {
        var method = await savedMethods.ChargeableAsync(payment.CustomerId, savedMethodId, payment.Gateway, CancellationToken.None);
        if (method is null || gateways.Find(payment.Gateway) is not ISavedMethodGateway)
        {
            return new GatewayOutcome(
                PaymentStatus.Failed, null, FailureCode: GatewayFailureCodes.InvalidPaymentMethod, FailureMessage: "The saved payment method can no longer be charged.");
        }

        var request = new GatewaySavedChargeRequest(
            payment.Id, payment.Amount, method, payment.OffSession, payment.Id,
            payment.CustomerId, charge.Description)
        {
            ReturnUrl = charge.ReturnUrl,
        };
        return await calls.CallAsync(
            payment.Gateway, g => ((ISavedMethodGateway)g).ChargeSavedAsync(request, CancellationToken.None), payment.Id,
            new GatewayPaymentLookup(payment.Id, null, payment.Amount), creation: true);
    }

    /// <summary>The provider customer a method to keep is attached to; without one (the provider did not answer) the payment goes on without saving.</summary>
    private async Task<string?> ProviderCustomerAsync(IPaymentGateway gateway, string customerId)
    {
        try
        {
            return await savedMethods.ProviderCustomerAsync(gateway, customerId, CancellationToken.None);
        }
        catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
        {
            return null;
        }
    }

    /// <summary>Completes a payment that waits on the payer (3-D Secure), or asks where an open one stands, and settles the answer.</summary>
    public async Task<Result<Payment>> ConfirmAsync(Payment payment)
    {
        var lookup = new GatewayPaymentLookup(payment.Id, payment.ProviderReference, payment.Amount);
        var outcome = await calls.CallAsync(
            payment.Gateway,
            gateway => payment.Status == PaymentStatus.RequiresAction
                ? gateway.ConfirmPaymentAsync(lookup, CancellationToken.None)
                : gateway.SyncAsync(lookup, CancellationToken.None),
            payment.Id,
            lookup);
        return await settlement.ApplyAsync(payment.Id, outcome, CancellationToken.None);
    }

    /// <summary>Captures an authorised payment (an approved PayPal order) once our record says so, and settles the answer.</summary>
    public async Task<Result<Payment>> CaptureAsync(Payment payment)
    {
        var lookup = new GatewayPaymentLookup(payment.Id, payment.ProviderReference, payment.Amount);
        return await settlement.ApplyAsync(payment.Id, await calls.CaptureAsync(payment.Gateway, lookup), CancellationToken.None);
    }

    /// <summary>Applies a dispute a provider reported (a webhook) inside the caller's unit of work (ADR 0040).</summary>
    public Task<Result<bool>> DisputeInUnitAsync(string paymentId, GatewayDispute dispute, CancellationToken ct) =>
        settlement.ApplyDisputeInUnitAsync(paymentId, dispute, ct);

    /// <summary>Settles an answer a provider pushed (a webhook) inside the caller's unit of work, which also writes the inbox row.</summary>
    public Task<Result<(Payment Payment, bool Changed)>> SettleInUnitAsync(string paymentId, GatewayOutcome outcome, CancellationToken ct) =>
        settlement.ApplyInUnitAsync(paymentId, outcome, ct);
}
