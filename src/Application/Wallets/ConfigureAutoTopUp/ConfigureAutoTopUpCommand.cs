using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Wallets.AutoTopUps;

namespace CleanPrepay.Application.Wallets.ConfigureAutoTopUp;

/// <summary>Sets (creates or replaces) the auto top-up of the threshold's currency pocket (ADR 0039).</summary>
public sealed record ConfigureAutoTopUpCommand(
    string CustomerId, bool? Enabled, MoneyInput? Threshold, string? PackageId, MoneyInput? Amount, string? SavedMethodId, int? MaxPerMonth)
    : ICommand<AutoTopUpDto>, ICustomerSpending;
