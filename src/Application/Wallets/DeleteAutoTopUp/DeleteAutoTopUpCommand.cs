using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Wallets.DeleteAutoTopUp;

/// <summary>Removes a pocket's auto top-up; one in flight still settles (it was charged), nothing new starts.</summary>
public sealed record DeleteAutoTopUpCommand(string CustomerId, string? Currency) : ICommand<bool>, ICustomerScoped;
