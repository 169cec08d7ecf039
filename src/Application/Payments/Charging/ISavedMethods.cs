using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// What the pipeline needs of saved payment methods (ADR 0038), implemented by the PaymentMethods feature
/// so that the pipeline knows no aggregate but the payment (ADR 0032): which gateway and provider
/// references a usable method charges, the provider customer a method to keep hangs on, and keeping it.
/// </summary>
public interface ISavedMethods
{
    /// <summary>The gateway of the customer's own usable method; 422 <c>saved_method_unusable</c> otherwise.</summary>
    Task<Result<string>> UsableGatewayAsync(string customerId, string savedMethodId, CancellationToken ct);

    /// <summary>The provider's references of the customer's method while it is usable on <paramref name="gateway"/>; null when it is not.</summary>
    Task<GatewaySavedMethod?> ChargeableAsync(string customerId, string savedMethodId, string gateway, CancellationToken ct);

    /// <summary>The provider customer a method to keep is attached to, created once; null when the gateway needs none.</summary>
    Task<string?> ProviderCustomerAsync(IPaymentGateway gateway, string customerId, CancellationToken ct);

    /// <summary>
    /// Applies what a provider's webhook says of a set-up to the saved method with that set-up object, in the caller's
    /// unit of work (the webhook inbox); false when no method of ours has it, or nothing changed.
    /// </summary>
    Task<bool> ApplySetupAsync(string gateway, string setupReference, GatewaySetupOutcome outcome, CancellationToken ct);

    /// <summary>Whether a method of ours on this gateway was set up with one of these provider ids (a webhook's claim).</summary>
    Task<bool> HasSetupAsync(string gateway, IReadOnlyList<string> references, CancellationToken ct);

    /// <summary>Keeps the method a succeeded payment left on file, in the settlement's unit of work.</summary>
    Task KeepAsync(Payment payment, SavedMethodDetails kept, CancellationToken ct);
}
