using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Wallets.Events;

namespace CleanPrepay.Domain.Wallets;

/// <summary>
/// A customer's prepaid wallet: a pocket per currency plus a credits pocket. Every change appends
/// a ledger entry in the same step, so balances and ledger can never disagree.
/// </summary>
public sealed class Wallet : AggregateRoot
{
    private readonly List<WalletPocket> _pockets = [];
    private readonly List<LedgerEntry> _newEntries = [];

    private Wallet()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    /// <summary>Balance of the credits pocket, in whole video credits.</summary>
    public long Credits { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<WalletPocket> Pockets => _pockets;

    /// <summary>Entries appended since the wallet was loaded (the history itself is read by queries).</summary>
    public IReadOnlyCollection<LedgerEntry> NewEntries => _newEntries;

    public static Wallet Open(string customerId, DateTimeOffset now) => new()
    {
        Id = Ids.New("wal"),
        CustomerId = customerId,
        CreatedAt = now,
    };

    public Money BalanceOf(Currency currency) =>
        new(_pockets.FirstOrDefault(p => p.Currency == currency.Code)?.Balance ?? 0, currency);

    /// <summary>Whether crediting <paramref name="amount"/> keeps the pocket within ±10^15, the most the API can express.</summary>
    public bool HasRoomFor(Money amount) =>
        BalanceOf(amount.Currency).MinorUnits <= WalletMove.CeilingBeforeCredit(Math.Max(amount.MinorUnits, 0));

    public Result<LedgerEntry> Credit(
        Money amount, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now) =>
        WalletMove.Credit(amount, kind, reference, reason, createdBy, now).Bind(Apply);

    /// <summary>
    /// Takes <paramref name="amount"/> out of its currency pocket, letting the balance go down to
    /// minus <paramref name="negativeLimit"/> and no further.
    /// </summary>
    public Result<LedgerEntry> Debit(
        Money amount, Money negativeLimit, LedgerEntryKind kind, string? reference, string? reason,
        string createdBy, DateTimeOffset now) =>
        WalletMove.Debit(amount, negativeLimit, kind, reference, reason, createdBy, now).Bind(Apply);

    public Result<LedgerEntry> CreditCredits(
        long credits, LedgerEntryKind kind, string? reference, string? reason, string createdBy, DateTimeOffset now) =>
        WalletMove.CreditCredits(credits, kind, reference, reason, createdBy, now).Bind(Apply);

    public Result<LedgerEntry> DebitCredits(
        long credits, long negativeLimit, LedgerEntryKind kind, string? reference, string? reason, string createdBy,
        DateTimeOffset now) =>
        WalletMove.DebitCredits(credits, negativeLimit, kind, reference, reason, createdBy, now).Bind(Apply);

    /// <summary>Applies <paramref name="move"/> if the pocket's balance lies in the move's range; the one place the wallet's limits are checked.</summary>
    public Result<LedgerEntry> Apply(WalletMove move)
    {
        var before = move.IsCredits ? Credits : _pockets.FirstOrDefault(p => p.Currency == move.Currency)?.Balance ?? 0;
        if (!move.Allows(before))
        {
            return move.RefusalAt(before);
        }

        long after;
        if (move.IsCredits)
        {
            Credits = after = checked(Credits + move.Delta);
        }
        else
        {
            var pocket = PocketFor(Currency.From(move.Currency!));
            pocket.Balance = after = checked(pocket.Balance + move.Delta);
        }

        return Append(move.EntryId, move.Kind, move.Currency, move.Delta, after, move.Reference, move.Reason, move.CreatedBy, move.At);
    }

    /// <summary>
    /// Takes back stored value that was granted against money now given back (a refunded package or
    /// bonus). It is owed whatever the balance, so the pocket may go below its negative-balance limit:
    /// the wallet is then overdrawn, and <see cref="Debit"/> accepts no payment until it is back within
    /// the limit. The entry is a <see cref="LedgerEntryKind.Reversal"/>.
    /// </summary>
    public Result<LedgerEntry> Reverse(Money amount, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (!amount.IsPositive)
        {
            return WalletErrors.AmountMustBePositive;
        }

        var pocket = PocketFor(amount.Currency);
        pocket.Balance = checked(pocket.Balance - amount.MinorUnits);
        return Append(Ids.New("txn"), LedgerEntryKind.Reversal, amount.Currency.Code, -amount.MinorUnits, pocket.Balance, reference, reason, createdBy, now);
    }

    /// <summary>The credits pocket's <see cref="Reverse"/>: past the negative credits limit if need be.</summary>
    public Result<LedgerEntry> ReverseCredits(long credits, string? reference, string? reason, string createdBy, DateTimeOffset now)
    {
        if (credits <= 0)
        {
            return WalletErrors.CreditsMustBePositive;
        }

        Credits = checked(Credits - credits);
        return Append(Ids.New("txn"), LedgerEntryKind.Reversal, null, -credits, Credits, reference, reason, createdBy, now);
    }

    /// <summary>
    /// What a refund takes back of a grant now: its share rounded down, so the last refund takes the
    /// exact rest (ADR 0027).
    /// </summary>
    public static long ReversalDue(long granted, long alreadyReversed, long refunded, long paid)
    {
        if (granted <= 0 || paid <= 0 || refunded <= 0)
        {
            return 0;
        }

        var share = refunded >= paid ? granted : (long)((Int128)granted * refunded / paid);
        return Math.Max(0, share - alreadyReversed);
    }

    private WalletPocket PocketFor(Currency currency)
    {
        var pocket = _pockets.FirstOrDefault(p => p.Currency == currency.Code);
        if (pocket is null)
        {
            pocket = new WalletPocket(Id, currency.Code);
            _pockets.Add(pocket);
        }

        return pocket;
    }

    private LedgerEntry Append(
        string entryId, LedgerEntryKind kind, string? currency, long amount, long balanceAfter, string? reference, string? reason,
        string createdBy, DateTimeOffset now)
    {
        Touch();
        var entry = new LedgerEntry(entryId, Id, Version, kind, currency, amount, balanceAfter, reference, reason, createdBy, now);
        _newEntries.Add(entry);
        Raise(WalletMove.AddedEvent(entry, CustomerId));
        return entry;
    }
}
