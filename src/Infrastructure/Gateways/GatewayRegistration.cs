using CleanPrepay.Application.Abstractions.Gateways;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Gateways;

internal static class GatewayRegistration
{
    /// <summary>
    /// Binds <c>Gateways:&lt;Section&gt;</c> to <typeparamref name="TOptions"/> and, when the adapter is
    /// enabled, registers it with a named HttpClient (its base address and the Polly handler).
    /// </summary>
    public static IServiceCollection AddGatewayAdapter<TGateway, TOptions>(
        this IServiceCollection services, IConfiguration configuration, string name, string section,
        Action<IHttpClientBuilder, TOptions>? configureClient = null)
        where TGateway : class, IPaymentGateway
        where TOptions : GatewayOptions, new()
    {
        var configSection = configuration.GetSection($"Gateways:{section}");
        services.Configure<TOptions>(configSection);
        var options = new TOptions();
        configSection.Bind(options);
        if (!options.IsEnabled)
        {
            return services;
        }

        var client = services.AddHttpClient(name, (sp, http) =>
            {
                var current = sp.GetRequiredService<IOptions<TOptions>>().Value;
                http.BaseAddress = new Uri(current.BaseUrl.TrimEnd('/') + "/");
                // Polly owns the timeouts (per attempt and in total); HttpClient's own would cut across them.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler(sp => new GatewayResilienceHandler(
                name, sp.GetRequiredService<IOptions<TOptions>>().Value, sp.GetRequiredService<GatewayCircuits>(), sp.GetRequiredService<TimeProvider>()));
        configureClient?.Invoke(client, options);
        services.AddSingleton<TGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<TGateway>());
        return services;
    }
}
