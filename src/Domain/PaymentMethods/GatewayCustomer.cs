namespace CleanPrepay.Domain.PaymentMethods;

/// <summary>
/// The customer's record at one provider (a Stripe Customer, a Mollie customer), created once: the
/// (customer, gateway) pair is unique, so two racing set-ups keep the same provider customer.
/// </summary>
public sealed class GatewayCustomer
{
    private GatewayCustomer()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Gateway { get; private set; } = string.Empty;

    public string ProviderCustomerId { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public static GatewayCustomer Of(string customerId, string gateway, string providerCustomerId, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        Gateway = gateway,
        ProviderCustomerId = providerCustomerId,
        CreatedAt = now,
    };
}
