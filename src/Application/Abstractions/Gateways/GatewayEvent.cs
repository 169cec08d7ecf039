using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// One verified fact from a provider: a payment or refund reached a status. <see cref="EventId"/>
/// is unique per fact at that provider, so the inbox can apply it exactly once.
/// <see cref="PaymentReference"/> is our own id of the payment (or refund) when the provider echoes it,
/// for the case where our call timed out before we learnt the provider's id.
/// </summary>
public sealed record GatewayEvent(
    string EventId,
    string Type,
    GatewayEventSubject Subject,
    string ProviderReference,
    PaymentStatus Status,
    string? FailureCode = null,
    string? FailureMessage = null,
    string? PaymentReference = null)
{
    /// <summary>For a <see cref="GatewayEventSubject.Dispute"/>: the dispute; <see cref="ProviderReference"/> is then the disputed payment's.</summary>
    public GatewayDispute? Dispute { get; init; }

    /// <summary>For a <see cref="GatewayEventSubject.Setup"/>: the set-up's state; <see cref="ProviderReference"/> is then the provider's set-up object.</summary>
    public GatewaySetupOutcome? Setup { get; init; }

    /// <summary>For a succeeded payment asked to <c>save</c>: the method the provider now keeps (ADR 0038).</summary>
    public SavedMethodDetails? SavedMethod { get; init; }

    public GatewayOutcome ToOutcome() => new(Status, ProviderReference, FailureCode: FailureCode, FailureMessage: FailureMessage) { SavedMethod = SavedMethod };
}
