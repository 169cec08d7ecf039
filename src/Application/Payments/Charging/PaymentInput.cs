namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// How a client asks to pay: the gateway (or none, to route by currency and country), a provider
/// token (never card data; none for a redirect checkout), and where a redirect brings the payer back;
/// or <c>method: saved</c> with a saved method's id. <c>save</c> keeps a new method once the payment succeeds.
/// </summary>
public sealed record PaymentInput(
    string? Gateway, string? PaymentMethod, string? ReturnUrl = null, ChargeMethod? Method = null, string? SavedMethodId = null, bool? Save = null)
{
    public override string ToString() => $"PaymentInput {{ Gateway = {Gateway}, SavedMethodId = {SavedMethodId} }}";
}
