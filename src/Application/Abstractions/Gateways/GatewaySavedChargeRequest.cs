using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A charge on a saved method. <see cref="OffSession"/> says the payer is not there, so the provider may not ask them.</summary>
public sealed record GatewaySavedChargeRequest(
    string PaymentId, Money Amount, GatewaySavedMethod Method, bool OffSession, string IdempotencyKey, string CustomerId, string Description)
{
    /// <summary>Where the payer comes back after completing an action the provider asked for.</summary>
    public string? ReturnUrl { get; init; }

    public override string ToString() => $"GatewaySavedChargeRequest {{ PaymentId = {PaymentId}, Amount = {Amount} }}";
}
