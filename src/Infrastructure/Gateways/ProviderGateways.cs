using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>The provider adapters, each on when its credentials are configured under <c>Gateways:&lt;Name&gt;</c>.</summary>
internal static class ProviderGateways
{
    public static IServiceCollection AddProviderGateways(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayAdapter<Stripe.StripeGateway, Stripe.StripeOptions>(configuration, Stripe.StripeGateway.GatewayName, "Stripe");
        services.AddGatewayAdapter<PayPal.PayPalGateway, PayPal.PayPalOptions>(configuration, PayPal.PayPalGateway.GatewayName, "PayPal");
        services.AddGatewayAdapter<Mollie.MollieGateway, Mollie.MollieOptions>(configuration, Mollie.MollieGateway.GatewayName, "Mollie");
        services.AddGatewayAdapter<SecurionPay.SecurionPayGateway, SecurionPay.SecurionPayOptions>(configuration, SecurionPay.SecurionPayGateway.GatewayName, "SecurionPay");
        services.AddGatewayAdapter<Swish.SwishGateway, Swish.SwishOptions>(configuration, Swish.SwishGateway.GatewayName, "Swish", Swish.SwishTls.Configure);
        services.AddGatewayAdapter<Tink.TinkGateway, Tink.TinkOptions>(configuration, Tink.TinkGateway.GatewayName, "Tink");
        return services;
    }
}
