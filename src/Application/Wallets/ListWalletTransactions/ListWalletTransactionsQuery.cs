using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Wallets.ListWalletTransactions;

public sealed record ListWalletTransactionsQuery(string CustomerId, int? Limit, string? Cursor)
    : IQuery<Page<WalletTransactionDto>>, ICustomerScoped;
