namespace CleanPrepay.Application.Payments.Charging;

/// <summary>How a gateway payment is asked for: with the payer's token or redirect (<c>gateway</c>), or on a saved method (<c>saved</c>).</summary>
public enum ChargeMethod
{
    Gateway,
    Saved,
}
