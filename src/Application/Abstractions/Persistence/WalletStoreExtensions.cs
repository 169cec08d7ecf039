using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Abstractions.Persistence;

public static class WalletStoreExtensions
{
    /// <summary>The customer's wallet, locked for the unit of work; every customer has one, so none is a bug.</summary>
    public static async Task<Wallet> LockAsync(this IWalletStore wallets, string customerId, CancellationToken ct) =>
        await wallets.LoadForUpdateAsync(customerId, ct) ?? throw new InvalidOperationException($"Customer {customerId} has no wallet.");
}
