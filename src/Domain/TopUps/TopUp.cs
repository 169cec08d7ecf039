using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps.Events;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.TopUps;

/// <summary>
/// A wallet refill: the customer pays <see cref="Price"/> and, once that payment succeeds (and only
/// then, and only once), the wallet receives <see cref="GrantAmount"/> or <see cref="GrantCredits"/>.
/// </summary>
public sealed class TopUp : AggregateRoot
{
    private TopUp()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string WalletId { get; private set; } = string.Empty;

    public string? PackageId { get; private set; }

    public Money Price { get; private set; }

    public Money? GrantAmount { get; private set; }

    public long? GrantCredits { get; private set; }

    public string PaymentId { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    public string? LedgerEntryId { get; private set; }

    /// <summary>The auto top-up that charged it, when no one asked (ADR 0039); its ledger entry says <c>auto_top_up</c>.</summary>
    public string? AutoTopUpId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static TopUp Start(
        string customerId, string walletId, string? packageId, Money price, Money? grantAmount,
        long? grantCredits, DateTimeOffset now) => new()
        {
            Id = Ids.New("top"),
            CustomerId = customerId,
            WalletId = walletId,
            PackageId = packageId,
            Price = price,
            GrantAmount = grantAmount,
            GrantCredits = grantCredits,
            Status = PaymentStatus.Pending,
            CreatedAt = now,
        };

    /// <summary>A top-up an auto top-up charges off-session.</summary>
    public static TopUp Automatic(
        string autoTopUpId, string customerId, string walletId, string? packageId, Money price, Money grantAmount, DateTimeOffset now)
    {
        var topUp = Start(customerId, walletId, packageId, price, grantAmount, null, now);
        topUp.AutoTopUpId = autoTopUpId;
        return topUp;
    }

    public void AttachPayment(string paymentId)
    {
        PaymentId = paymentId;
        Touch();
    }

    /// <summary>
    /// The payment's dispute was lost and the provider took <paramref name="lost"/> back: the share of the grant it
    /// paid for is taken out of the wallet as a reversal, even past the negative-balance limit (the wallet is then
    /// overdrawn). Nothing was credited, nothing is taken. The caller calls it once per lost dispute.
    /// </summary>
    public Result TakeBack(long lost, Wallet wallet, string actor, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Succeeded || lost <= 0)
        {
            return Result.Success();
        }

        var reason = $"Dispute lost on payment {PaymentId}";
        if (GrantAmount is { } amount)
        {
            var due = Wallet.ReversalDue(amount.MinorUnits, 0, lost, Price.MinorUnits);
            return due > 0 ? wallet.Reverse(new Money(due, amount.Currency), Id, reason, actor, now) : Result.Success();
        }

        var credits = Wallet.ReversalDue(GrantCredits ?? 0, 0, lost, Price.MinorUnits);
        return credits > 0 ? wallet.ReverseCredits(credits, Id, reason, actor, now) : Result.Success();
    }

    /// <summary>Follows the payment; credits the wallet exactly once, when the payment has succeeded.</summary>
    public Result Follow(Payment payment, Wallet wallet, string actor, DateTimeOffset now)
    {
        if (Status == PaymentStatus.Succeeded || payment.Id != PaymentId)
        {
            return Result.Success();
        }

        Status = payment.Status;
        Touch();
        if (payment.Status != PaymentStatus.Succeeded)
        {
            if (payment.IsFinal)
            {
                CompletedAt = now;
            }

            return Result.Success();
        }

        var credited = GrantAmount is { } amount
            ? wallet.Credit(amount, LedgerEntryKind.TopUp, Id, AutoTopUpId is not null ? "auto_top_up" : PackageId is null ? "Top-up" : $"Package {PackageId}", actor, now)
            : wallet.CreditCredits(GrantCredits!.Value, LedgerEntryKind.TopUp, Id, $"Package {PackageId}", actor, now);
        if (!credited.IsSuccess)
        {
            return credited.Error;
        }

        LedgerEntryId = credited.Value.Id;
        CompletedAt = now;
        Raise(new TopUpSucceeded(
            Id, CustomerId, PaymentId, PackageId, GrantAmount?.MinorUnits, GrantAmount?.Currency.Code, GrantCredits, AutoTopUpId is not null, LedgerEntryId, now));
        return Result.Success();
    }
}
