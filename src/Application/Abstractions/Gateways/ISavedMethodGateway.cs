using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// The port of a gateway that can keep a payment method and charge it later without the payer
/// (off-session): its own set-up flow (Stripe SetupIntents on a Customer, Mollie mandates, the PayPal
/// vault), charges on the saved reference, and revocation. A gateway without one (Swish, Tink) does not
/// implement it, and saving there is 422 <c>saving_not_supported</c> (ADR 0038).
/// </summary>
public interface ISavedMethodGateway
{
    /// <summary>Whether a method lives on a provider-side customer that must exist first (<see cref="CreateCustomerAsync"/>).</summary>
    bool NeedsProviderCustomer { get; }

    /// <summary>The kinds this gateway can save.</summary>
    IReadOnlySet<SavedMethodKind> Kinds { get; }

    /// <summary>The kind a token implies (a SEPA token is a mandate), or null when it implies none.</summary>
    SavedMethodKind? KindOf(string? paymentMethod) => null;

    /// <summary>Creates the customer at the provider, idempotently on <see cref="GatewayCustomerRequest.IdempotencyKey"/>; answers its id.</summary>
    Task<string> CreateCustomerAsync(GatewayCustomerRequest request, CancellationToken cancellationToken);

    /// <summary>Starts (and where the token allows, completes) the provider's set-up of a method for off-session use.</summary>
    Task<GatewaySetupOutcome> SetupAsync(GatewaySetupRequest request, CancellationToken cancellationToken);

    /// <summary>Asks where a set-up that waited on the payer or the provider stands.</summary>
    Task<GatewaySetupOutcome> SyncSetupAsync(GatewaySetupLookup setup, CancellationToken cancellationToken);

    /// <summary>Charges a saved method; off-session when the payer is not there (a renewal, an auto top-up).</summary>
    Task<GatewayOutcome> ChargeSavedAsync(GatewaySavedChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Detaches or revokes the method at the provider, so nothing can charge it again.</summary>
    Task RevokeAsync(GatewaySavedMethod method, CancellationToken cancellationToken);
}
