using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Wallets.GetWallet;

public sealed record GetWalletQuery(string CustomerId) : IQuery<WalletDto>, ICustomerScoped;
