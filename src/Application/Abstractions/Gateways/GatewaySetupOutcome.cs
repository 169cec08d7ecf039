using CleanPrepay.Domain.PaymentMethods;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A provider's neutral answer about a set-up: the method's state, the reference to charge, what may be displayed.</summary>
public sealed record GatewaySetupOutcome(
    SavedMethodStatus Status,
    string? ProviderMethodId,
    string? SetupReference,
    MethodDisplay? Display = null,
    string? NextActionType = null,
    string? NextActionUrl = null,
    string? FailureCode = null,
    string? FailureMessage = null);
