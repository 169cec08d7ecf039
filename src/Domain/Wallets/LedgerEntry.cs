namespace CleanPrepay.Domain.Wallets;

public enum LedgerEntryKind
{
    TopUp,
    OrderPayment,
    ManualCredit,
    ManualDebit,
    Bonus,
    Refund,
    Reversal,
}

/// <summary>
/// One immutable line of a wallet's ledger. <see cref="Amount"/> is signed (a debit is negative)
/// in minor units of <see cref="Currency"/>, or in credits when <see cref="Currency"/> is null.
/// A pocket's balance always equals the sum of its entries.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
    }

    internal LedgerEntry(
        string id, string walletId, long sequence, LedgerEntryKind kind, string? currency, long amount, long balanceAfter,
        string? reference, string? reason, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        WalletId = walletId;
        Sequence = sequence;
        Kind = kind;
        Currency = currency;
        Amount = amount;
        BalanceAfter = balanceAfter;
        Reference = reference;
        Reason = reason;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public string Id { get; private set; } = string.Empty;

    public string WalletId { get; private set; } = string.Empty;

    /// <summary>Position in the wallet's history; unique per wallet, so two writers can never both append the same step.</summary>
    public long Sequence { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    /// <summary>ISO 4217 code of the currency pocket, or null for the credits pocket.</summary>
    public string? Currency { get; private set; }

    public long Amount { get; private set; }

    public long BalanceAfter { get; private set; }

    public string? Reference { get; private set; }

    public string? Reason { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsCredits => Currency is null;
}
