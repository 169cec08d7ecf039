using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>One fixed window: at most <see cref="PermitLimit"/> requests per client address per <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Section <c>RateLimiting</c>: the limits on what anyone may call without a token (ADR 0031). Providers
/// post from a handful of addresses in bursts, so webhooks get their own, larger window.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    public RateLimitWindow Webhooks { get; set; } = new() { PermitLimit = 600 };

    public RateLimitWindow Anonymous { get; set; } = new() { PermitLimit = 120 };
}

/// <summary>
/// ASP.NET Core's rate limiter over every route a caller may reach without a token (webhooks, the public
/// catalogue, the document, unmatched paths), partitioned per client address; health probes are exempt,
/// and an authenticated caller is not limited here. A refusal is 429 <c>rate_limited</c> with Retry-After.
/// </summary>
internal static class AnonymousRateLimits
{
    public static IServiceCollection AddAnonymousRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitingOptions>(configuration.GetSection(RateLimitingOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = RejectAsync;
        });

        // Behind a reverse proxy the client is in X-Forwarded-For, trusted from the configured proxies only:
        // anyone else could name a fresh address per request and never be limited.
        var proxies = configuration.GetSection("Http:TrustedProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        return services;
    }

    public static WebApplication UseAnonymousRateLimits(this WebApplication app)
    {
        if (app.Configuration.GetSection("Http:TrustedProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().CurrentValue;
        if (!options.Enabled || http.Request.Path.StartsWithSegments("/health") || http.User.Identity?.IsAuthenticated == true || !IsAnonymous(http.GetEndpoint()))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var webhook = http.Request.Path.StartsWithSegments("/v1/webhooks");
        var window = webhook ? options.Webhooks : options.Anonymous;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{(webhook ? "webhooks" : "anonymous")}:{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, window.PermitLimit),
            Window = window.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>A route that asks for no token: marked anonymous, or carrying no authorisation at all (unmatched paths too).</summary>
    private static bool IsAnonymous(Endpoint? endpoint) =>
        endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = Problems.Create(StatusCodes.Status429TooManyRequests, "rate_limited", $"Too many requests from this address; try again in {seconds} s."),
        });
    }
}
