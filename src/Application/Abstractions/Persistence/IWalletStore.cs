namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>Loads a wallet with its pockets and, where the database supports it, its row lock, in one round trip.</summary>
public interface IWalletStore
{
    Task<Domain.Wallets.Wallet?> LoadForUpdateAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The wallets of many customers, each locked, in two statements whatever their number (a renewal
    /// batch): the locks are taken in id order, so two workers never wait on each other in a cycle.
    /// </summary>
    Task<Dictionary<string, Domain.Wallets.Wallet>> LoadManyForUpdateAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken);
}
