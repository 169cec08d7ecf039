using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// Takes an order's money, for PlaceOrder, subscription prepayments and renewals alike. In the unit
/// of work, <see cref="ChargeAsync"/> pays from the wallet or its credits (the order is paid when the
/// unit commits) or opens a gateway payment; after the commit, <see cref="CompleteAsync"/> calls the
/// gateway outside any transaction and records its answer (ADR 0016).
/// </summary>
internal sealed class OrderCharger(IApplicationDbContext db, OrderFulfilment fulfilment, PaymentSettlement settlement, GatewayChoice gatewayChoice)
{
    /// <param name="gateway">The gateway the request named; null to route by currency and country.</param>
    /// <param name="lockedWallet">The customer's wallet when the caller already holds its lock (a renewal batch).</param>
    /// <param name="paymentMethod">The token to be charged, so routing picks a gateway that takes it.</param>
    public async Task<Result<Payment>> ChargeAsync(
        Order order, OrderPaymentMethod method, string? gateway, MerchantSettings settings, string actor, DateTimeOffset now, CancellationToken ct,
        Wallet? lockedWallet = null, string? paymentMethod = null)
    {
        var currency = order.Currency;
        switch (method)
        {
            case OrderPaymentMethod.Wallet:
            {
                var wallet = lockedWallet ?? await fulfilment.LockWalletAsync(order.CustomerId, ct);
                var total = order.Total;
                if (total.IsPositive)
                {
                    var debited = wallet.Debit(total, settings.NegativeLimitFor(currency), LedgerEntryKind.OrderPayment, order.Id, "Order payment", actor, now);
                    if (!debited.IsSuccess)
                    {
                        return debited.Error;
                    }
                }

                return await PayNowAsync(order, Payment.FromWallet(order.CustomerId, "wallet", total, null, PaymentPurpose.Order, order.Id, now), wallet, ct);
            }

            case OrderPaymentMethod.Credits:
            {
                var wallet = await fulfilment.LockWalletAsync(order.CustomerId, ct);
                var credits = order.CreditsTotal!.Value;
                var debited = wallet.DebitCredits(credits, settings.NegativeCreditsLimit, LedgerEntryKind.OrderPayment, order.Id, "Order payment", actor, now);
                if (!debited.IsSuccess)
                {
                    return debited.Error;
                }

                return await PayNowAsync(order, Payment.FromWallet(order.CustomerId, "credits", Money.Zero(currency), credits, PaymentPurpose.Order, order.Id, now), wallet, ct);
            }

            default:
            {
                if (order.Total.IsZero)
                {
                    // A coupon took the whole price: there is nothing for a gateway to take.
                    return await PayNowAsync(order, Payment.FromWallet(order.CustomerId, "none", order.Total, null, PaymentPurpose.Order, order.Id, now), null, ct);
                }

                var chosen = await gatewayChoice.ChooseAsync(gateway, order.Currency.Code, order.CustomerId, paymentMethod, ct);
                if (!chosen.IsSuccess)
                {
                    return chosen.Error;
                }

                var payment = Payment.Start(order.CustomerId, chosen.Value, order.Total, PaymentPurpose.Order, order.Id, now);
                settlement.PlanFirstSync(payment, now);
                db.Payments.Add(payment);
                order.AttachPayment(payment.Id);
                return payment;
            }
        }
    }

    /// <summary>After the unit of work committed: asks the gateway for the money and records its answer, even if the client has gone.</summary>
    /// <param name="returnUrl">Where a redirect (3-D Secure, a provider's checkout) brings the payer back.</param>
    public async Task<Result<Payment>> CompleteAsync(Payment payment, string? paymentMethodToken, string description, string? returnUrl = null)
    {
        var outcome = await settlement.CallAsync(
            payment.Gateway,
            g => g.CreatePaymentAsync(
                new GatewayPaymentRequest(payment.Id, payment.Amount, paymentMethodToken, payment.Id, payment.CustomerId, description) { ReturnUrl = returnUrl },
                CancellationToken.None),
            payment.Id,
            new GatewayPaymentLookup(payment.Id, null, payment.Amount),
            creation: true);
        return await settlement.ApplyAsync(payment.Id, outcome, CancellationToken.None);
    }

    private async Task<Result<Payment>> PayNowAsync(Order order, Payment payment, Wallet? wallet, CancellationToken ct)
    {
        db.Payments.Add(payment);
        order.AttachPayment(payment.Id);
        var paid = await fulfilment.PayAsync(order, wallet, ct);
        return paid.IsSuccess ? payment : paid.Error!;
    }
}
