using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Wallets.AutoTopUps;

namespace CleanPrepay.Application.Wallets.GetAutoTopUp;

/// <summary>The auto top-up of one pocket; without a currency, the customer's only one.</summary>
public sealed record GetAutoTopUpQuery(string CustomerId, string? Currency) : IQuery<AutoTopUpDto>, ICustomerScoped;
