using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Wallets.Events;

namespace CleanPrepay.Domain.Wallets;

/// <summary>
/// One change to one pocket, decided before its balance is read: the signed amount, and the range the
/// balance must lie in beforehand for the change to be allowed. <see cref="Wallet.Apply"/> checks the
/// range against the loaded wallet; a store may check the same range inside the one SQL statement that
/// applies the move (ADR 0036). Either way the rule is the one written here.
/// </summary>
public sealed class WalletMove
{
    private WalletMove(
        string? currency, long delta, long minimumBefore, long maximumBefore, LedgerEntryKind kind, string? reference,
        string? reason, string createdBy, DateTimeOffset at)
    {
        EntryId = Ids.New("txn");
        Currency = currency;
        Delta = delta;
        MinimumBefore = minimumBefore;
        MaximumBefore = maximumBefore;
        Kind = kind;
        Reference = reference;
        Reason = reason;
        CreatedBy = createdBy;
        At = at;
    }

    /// <summary>The id the ledger entry gets; fixed with the move, so a retried attempt appends the same entry.</summary>
    public string EntryId { get; }

    /// <summary>ISO 4217 code of the pocket, or null for the credits pocket.</summary>
    public string? Currency { get; }

    /// <summary>Signed change in minor units (or credits): negative for a debit.</summary>
    public long Delta { get; }

    public long MinimumBefore { get; }

    public long MaximumBefore { get; }

    public LedgerEntryKind Kind { get; }

    public string? Reference { get; }

    public string? Reason { get; }

    public string CreatedBy { get; }

    public DateTimeOffset At { get; }

    public bool IsCredits => Currency is null;

    /// <summary>Takes <paramref name="amount"/> out, letting the balance go down to minus <paramref name="negativeLimit"/> and no further.</summary>
    public static Result<WalletMove> Debit(
        Money amount, Money negativeLimit, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (!amount.IsPositive)
        {
            return WalletErrors.AmountMustBePositive;
        }

        // balance - amount >= -limit, written as a bound on the balance before the move.
        var minimum = amount.MinorUnits - negativeLimit.MinorUnits;
        return new WalletMove(amount.Currency.Code, -amount.MinorUnits, minimum, long.MaxValue, kind, reference, reason, createdBy, now);
    }

    /// <summary>Adds <paramref name="amount"/>, keeping the pocket within ±10^15, the most the API can express.</summary>
    public static Result<WalletMove> Credit(
        Money amount, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (!amount.IsPositive)
        {
            return WalletErrors.AmountMustBePositive;
        }

        return new WalletMove(amount.Currency.Code, amount.MinorUnits, long.MinValue, CeilingBeforeCredit(amount.MinorUnits), kind, reference, reason, createdBy, now);
    }

    public static Result<WalletMove> DebitCredits(
        long credits, long negativeLimit, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (credits <= 0)
        {
            return WalletErrors.CreditsMustBePositive;
        }

        return new WalletMove(null, -credits, credits - negativeLimit, long.MaxValue, kind, reference, reason, createdBy, now);
    }

    public static Result<WalletMove> CreditCredits(
        long credits, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (credits <= 0)
        {
            return WalletErrors.CreditsMustBePositive;
        }

        return new WalletMove(null, credits, long.MinValue, CeilingBeforeCredit(credits), kind, reference, reason, createdBy, now);
    }

    /// <summary>The most a pocket may hold before a credit of <paramref name="amount"/>: it never holds more than 10^15, the most the API can express.</summary>
    public static long CeilingBeforeCredit(long amount) => Money.MaxAbsoluteMinorUnits - amount;

    public bool Allows(long balanceBefore) => balanceBefore >= MinimumBefore && balanceBefore <= MaximumBefore;

    /// <summary>Why the move is refused at <paramref name="balanceBefore"/>: what a debit could still take, or a credit's overflow.</summary>
    public Error RefusalAt(long balanceBefore)
    {
        var pocket = Currency ?? "credits";
        var negativeLimit = -Delta - MinimumBefore; // undoes Debit's bound
        return Delta < 0
            ? WalletErrors.InsufficientBalance(pocket, balanceBefore + negativeLimit)
            : WalletErrors.BalanceOutOfRange(pocket);
    }

    /// <summary>The ledger entry the move appends once applied as step <paramref name="sequence"/> of the wallet.</summary>
    public LedgerEntry EntryAt(string walletId, long sequence, long balanceAfter) =>
        new(EntryId, walletId, sequence, Kind, Currency, Delta, balanceAfter, Reference, Reason, CreatedBy, At);

    public static WalletLedgerEntryAdded AddedEvent(LedgerEntry entry, string customerId) =>
        new(entry.WalletId, customerId, entry.Id, entry.Kind, entry.Currency, entry.Amount, entry.BalanceAfter, entry.CreatedAt, entry.Sequence);
}
