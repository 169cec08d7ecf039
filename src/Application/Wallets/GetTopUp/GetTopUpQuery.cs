using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Wallets.TopUpWallet;

namespace CleanPrepay.Application.Wallets.GetTopUp;

public sealed record GetTopUpQuery(string CustomerId, string TopUpId) : IQuery<TopUpDto>, ICustomerScoped;
