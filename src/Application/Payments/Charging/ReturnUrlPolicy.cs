using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// Refuses return URLs that would turn our payment redirect into an open redirect or a downgrade:
/// outside Development only https to an allowed host.
/// </summary>
public sealed class ReturnUrlPolicy(IOptions<ReturnUrlOptions> options)
{
    public string Describe() => options.Value.DevelopmentRules
        ? "The return URL must be an absolute https URL (or http://localhost in Development)" + (options.Value.AllowedReturnHosts.Count > 0 ? $" to one of: {string.Join(", ", options.Value.AllowedReturnHosts)}." : ".")
        : options.Value.AllowedReturnHosts.Count > 0
            ? $"The return URL must be an absolute https URL to one of: {string.Join(", ", options.Value.AllowedReturnHosts)}."
            : "No return URL is accepted: no return host is configured (Payments:AllowedReturnHosts).";

    public bool IsAllowed(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var current = options.Value;
        if (current.DevelopmentRules && uri.IsLoopback)
        {
            return true;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        if (current.AllowedReturnHosts.Count == 0)
        {
            return current.DevelopmentRules;
        }

        var host = uri.IdnHost;
        return current.AllowedReturnHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
            : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase));
    }
}
