using System.Net;
using System.Net.Sockets;
using CleanPrepay.Application.Abstractions.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Infrastructure.Webhooks;

internal static class WebhookRegistration
{
    public static IServiceCollection AddOutgoingWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<IWebhookTargetGuard>(sp => sp.GetRequiredService<WebhookTargetGuard>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<WebhookTargetGuard>();
                return new SocketsHttpHandler
                {
                    // A redirect could lead anywhere (a private address); a receiver that moved updates its endpoint.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    // Every send of both loops may be in flight at once: none waits for a connection inside its 15 s.
                    MaxConnectionsPerServer = WebhookDispatcher.Parallel * 4,
                    // Resolved here, at send time, and checked before connecting: a name re-pointed at 10.0.0.1 is refused.
                    ConnectCallback = (context, ct) => ConnectAsync(guard, context, ct),
                };
            });
        services.AddHttpClient(WebhookDispatcher.HttpClientName).RemoveAllLoggers();
        services.AddHealthChecks().AddCheck<WebhookHealth>("webhooks", tags: ["ready"]);
        if (configuration.GetValue("Outbox:Enabled", true) && configuration.GetValue($"{WebhookOptions.Section}:Enabled", true)
            && configuration.GetValue($"{WebhookOptions.Section}:DispatcherEnabled", true))
        {
            services.AddHostedService<WebhookFanOut>();
            services.AddHostedService<WebhookDispatcher>();
        }

        return services;
    }

    private static async ValueTask<Stream> ConnectAsync(WebhookTargetGuard guard, SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await WebhookTargetGuard.ResolveAsync(host, ct);
        var allowed = addresses.Where(guard.MayConnect).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? $"Refused: {host} does not resolve."
                : $"Refused: {host} resolves to {addresses[0]}, which is not a public address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
