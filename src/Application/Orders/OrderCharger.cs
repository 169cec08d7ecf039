using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.Settings;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Orders;

/// <summary>
/// Opens an order's charge, for PlaceOrder, subscription prepayments and renewals alike, in the unit of
/// work: pays from the wallet or its credits (the order is paid when the unit commits), or opens a
/// gateway payment that the caller hands to <see cref="ChargePipeline.ChargeAsync"/> after the commit
/// (ADR 0016, ADR 0032).
/// </summary>
internal sealed class OrderCharger(IWalletStore wallets, OrderFulfilment fulfilment, ChargePipeline pipeline, GatewayChoice gatewayChoice, SavedMethodChoice savedMethods)
{
    /// <param name="gateway">The gateway the request named; null to route by currency and country.</param>
    /// <param name="lockedWallet">The customer's wallet when the caller already holds its lock (a renewal batch).</param>
    /// <param name="paymentMethod">The token to be charged, so routing picks a gateway that takes it.</param>
    /// <param name="saved">How a saved method is charged, or a new one kept (<see cref="SavedCharge"/>).</param>
    public async Task<Result<Payment>> ChargeAsync(
        Order order, OrderPaymentMethod method, string? gateway, MerchantSettings settings, string actor, DateTimeOffset now, CancellationToken ct,
        Wallet? lockedWallet = null, string? paymentMethod = null, SavedCharge? saved = null)
    {
        var currency = order.Currency;
        switch (method)
        {
            case OrderPaymentMethod.Wallet:
            {
                var wallet = lockedWallet ?? await wallets.LockAsync(order.CustomerId, ct);
                var total = order.Total;
                if (total.IsPositive)
                {
                    var debited = wallet.Debit(total, settings.NegativeLimitFor(currency), LedgerEntryKind.OrderPayment, order.Id, "Order payment", actor, now);
                    if (!debited.IsSuccess)
                    {
                        return debited.Error;
                    }
                }

                return await PayNowAsync(order, new ChargeRequest(order.CustomerId, "wallet", total, PaymentPurpose.Order, order.Id), wallet, now, ct);
            }

            case OrderPaymentMethod.Credits:
            {
                var wallet = await wallets.LockAsync(order.CustomerId, ct);
                var credits = order.CreditsTotal!.Value;
                var debited = wallet.DebitCredits(credits, settings.NegativeCreditsLimit, LedgerEntryKind.OrderPayment, order.Id, "Order payment", actor, now);
                if (!debited.IsSuccess)
                {
                    return debited.Error;
                }

                return await PayNowAsync(order, new ChargeRequest(order.CustomerId, "credits", Money.Zero(currency), PaymentPurpose.Order, order.Id, credits), wallet, now, ct);
            }

            default:
            {
                if (order.Total.IsZero)
                {
                    // A coupon took the whole price: there is nothing for a gateway to take.
                    return await PayNowAsync(order, new ChargeRequest(order.CustomerId, "none", order.Total, PaymentPurpose.Order, order.Id), null, now, ct);
                }

                if (saved?.SavedMethodId is { } savedMethodId)
                {
                    var usable = await savedMethods.GatewayOfAsync(order.CustomerId, savedMethodId, ct);
                    if (!usable.IsSuccess)
                    {
                        return usable.Error;
                    }

                    gateway = usable.Value;
                }

                var chosen = await gatewayChoice.ChooseAsync(gateway, order.Currency.Code, order.CustomerId, paymentMethod, ct);
                if (!chosen.IsSuccess)
                {
                    return chosen.Error;
                }

                var payment = pipeline.Open(
                    new ChargeRequest(order.CustomerId, chosen.Value, order.Total, PaymentPurpose.Order, order.Id)
                    {
                        SavedMethodId = saved?.SavedMethodId,
                        OffSession = saved?.OffSession ?? false,
                        SaveMethod = saved?.Save ?? false,
                    },
                    now);
                order.AttachPayment(payment.Id);
                return payment;
            }
        }
    }

    /// <summary>The money was taken in this unit of work: the order is settled here, with the wallet the caller locked.</summary>
    private async Task<Result<Payment>> PayNowAsync(Order order, ChargeRequest request, Wallet? wallet, DateTimeOffset now, CancellationToken ct)
    {
        var payment = pipeline.OpenPaid(request, now);
        order.AttachPayment(payment.Id);
        var paid = await fulfilment.PayAsync(order, wallet, ct);
        return paid.IsSuccess ? payment : paid.Error!;
    }
}
