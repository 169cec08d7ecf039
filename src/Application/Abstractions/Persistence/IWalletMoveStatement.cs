using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// Commits one <see cref="WalletMove"/> in a single statement of its own, outside any unit of work: the
/// range check, the pocket update, the ledger append, the outbox row and the idempotency mark, all in
/// one round trip with its commit (ADR 0036).
/// </summary>
public interface IWalletMoveStatement
{
    /// <summary>
    /// The appended entry; or null when the move was not applied and nothing changed (no such wallet or
    /// pocket, a balance outside the move's range, a database without the statement). The caller then
    /// takes the aggregate path, which gives the exact answer.
    /// </summary>
    Task<LedgerEntry?> TryCommitAsync(string customerId, WalletMove move, CancellationToken cancellationToken);
}
