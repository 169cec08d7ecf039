namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// How a client asks to pay: the gateway (or none, to route by currency and country), a provider
/// token (never card data; none for a redirect checkout), and where a redirect brings the payer back.
/// </summary>
public sealed record PaymentInput(string? Gateway, string? PaymentMethod, string? ReturnUrl = null)
{
    public override string ToString() => $"PaymentInput {{ Gateway = {Gateway} }}";
}
