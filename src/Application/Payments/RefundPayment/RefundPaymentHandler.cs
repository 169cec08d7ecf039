using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Payments.RefundPayment;

internal sealed class RefundPaymentHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, IWalletStore wallets, GatewayCalls calls,
    RefundSettlement refunds, ICurrentUser user, TimeProvider time)
    : IPhasedCommandHandler<RefundPaymentCommand, RefundDto>
{
    private static readonly Error NotSupported = new("refund_not_supported", "Only order payments can be refunded here.", ErrorKind.Unprocessable);

    public async Task<Result<RefundDto>> Handle(RefundPaymentCommand request, CancellationToken cancellationToken)
    {
        var reserved = await unitOfWork.ExecuteAsync(ct => ReserveAsync(request, ct), cancellationToken);
        if (!reserved.IsSuccess)
        {
            return reserved.Error;
        }

        var (refund, payment) = reserved.Value;
        if (refund.Status == PaymentStatus.Succeeded)
        {
            return RefundDto.From(refund);
        }

        // Past this point money may move at the provider: finish even if the client goes away.
        var outcome = await CallGatewayAsync(payment, refund);
        var completed = await unitOfWork.ExecuteAsync(ct => refunds.CompleteAsync(refund.Id, outcome, ct), CancellationToken.None);
        return completed.IsSuccess ? RefundDto.From(completed.Value.Refund) : completed.Error;
    }

    private async Task<Result<(Refund Refund, Payment Payment)>> ReserveAsync(RefundPaymentCommand request, CancellationToken ct)
    {
        await locker.LockAsync<Payment>(nameof(Payment.Id), request.PaymentId, ct);
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == request.PaymentId, ct);
        if (payment is null)
        {
            return PaymentErrors.NotFound;
        }

        if (payment.Purpose != PaymentPurpose.Order)
        {
            return NotSupported;
        }

        if (payment.Status != PaymentStatus.Succeeded)
        {
            return Error.Conflict($"A payment in status '{payment.Status}' cannot be refunded.");
        }

        if (payment.Dispute is DisputeStatus.Disputed or DisputeStatus.Lost)
        {
            // The bank decides the money of a disputed payment: a refund now could give it back twice (ADR 0040).
            return Error.Conflict($"The payment is {(payment.Dispute == DisputeStatus.Lost ? "charged back" : "disputed")}: it cannot be refunded.");
        }

        var byCredits = payment.Credits is not null;
        if (byCredits ? request.Amount is not null : request.Credits is not null)
        {
            return Error.Validation(byCredits ? "amount" : "credits", byCredits ? "This payment was made with credits: refund credits." : "This payment was made in money: refund an amount.");
        }

        if (request.Amount is { Currency: var currency } && !string.Equals(currency, payment.Amount.Currency.Code, StringComparison.Ordinal))
        {
            return Error.Validation("amount.currency", $"The payment is in {payment.Amount.Currency.Code}: refund in {payment.Amount.Currency.Code}.");
        }

        var amount = byCredits ? 0 : request.Amount?.Amount ?? payment.RefundableAmount;
        var credits = byCredits ? request.Credits ?? payment.RefundableCredits : 0;
        if (request.Amount is null && request.Credits is null && amount == 0 && credits == 0)
        {
            // "Refund the rest" of a payment with nothing left is a state conflict, not a bad amount.
            return Error.Conflict("The payment is already refunded in full.");
        }

        var now = time.GetUtcNow();
        var recorded = payment.RecordRefund(amount, credits, now);
        if (!recorded.IsSuccess)
        {
            return recorded.Error;
        }

        var fromWallet = payment.Gateway is "wallet" or "credits";
        var refund = Refund.Record(payment.Id, new Money(amount, payment.Amount.Currency), credits, fromWallet ? PaymentStatus.Succeeded : PaymentStatus.Pending, null, user.Actor, now);
        db.Refunds.Add(refund);
        if (fromWallet)
        {
            var wallet = await wallets.LockAsync(payment.CustomerId, ct);
            var entry = byCredits
                ? wallet.CreditCredits(credits, LedgerEntryKind.Refund, payment.PurposeId, $"Refund {refund.Id}", user.Actor, now)
                : wallet.Credit(new Money(amount, payment.Amount.Currency), LedgerEntryKind.Refund, payment.PurposeId, $"Refund {refund.Id}", user.Actor, now);
            if (!entry.IsSuccess)
            {
                return entry.Error;
            }

            var applied = await refunds.ApplyToOrderAsync(payment.PurposeId, amount, credits, now, ct, wallet);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }
        }

        return (refund, payment);
    }

    private async Task<GatewayRefundOutcome> CallGatewayAsync(Payment payment, Refund refund)
    {
        GatewayRefundOutcome outcome = new(PaymentStatus.Pending, null);
        var guarded = await calls.CallAsync(
            payment.Gateway,
            async gateway =>
            {
                outcome = await gateway.RefundAsync(
                    new GatewayRefundRequest(refund.Id, payment.ProviderReference!, refund.Amount, refund.Id), CancellationToken.None);
                return new GatewayOutcome(outcome.Status, outcome.ProviderReference);
            },
            payment.Id,
            creation: true);

        // Refused outright (a 4xx: already refunded, too much): no money moved, the reservation is released.
        return guarded is { Status: PaymentStatus.Failed, FailureCode: GatewayFailureCodes.GatewayRejected }
            ? new GatewayRefundOutcome(PaymentStatus.Failed, null, GatewayFailureCodes.GatewayRejected)
            : outcome;
    }
}
