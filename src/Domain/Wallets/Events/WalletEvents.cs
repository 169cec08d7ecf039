using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Wallets.Events;

/// <summary>A wallet pocket changed; the ledger entry says how.</summary>
public sealed record WalletLedgerEntryAdded(
    string WalletId,
    string CustomerId,
    string EntryId,
    LedgerEntryKind Kind,
    string? Currency,
    long Amount,
    long BalanceAfter,
    DateTimeOffset OccurredAt,
    long Sequence = 0) : IDomainEvent;
