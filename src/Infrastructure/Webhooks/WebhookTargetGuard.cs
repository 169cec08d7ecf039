using System.Net;
using System.Net.Sockets;
using CleanPrepay.Application.Abstractions.Webhooks;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>
/// SSRF guard (ADR 0045): https to public unicast addresses only, unless Webhooks:AllowPrivateNetworks. The sender
/// checks again at connect time against what the name resolves to then, so a name re-pointed at 10.0.0.1 after it
/// was saved is refused too.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options) : IWebhookTargetGuard
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        if (SchemeRefusal(url) is { } scheme)
        {
            return scheme;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host {url.Host} does not resolve.";
        }

        return addresses.Length == 0 ? $"The host {url.Host} does not resolve."
            : addresses.FirstOrDefault(a => !IsPublic(a)) is { } blocked ? $"The host {url.Host} resolves to {blocked}, which is not a public address."
            : null;
    }

    /// <summary>Null when the URL's scheme may be sent to: https, or anything while private networks are allowed.</summary>
    public string? SchemeRefusal(Uri url) =>
        options.Value.AllowPrivateNetworks || url.Scheme == Uri.UriSchemeHttps ? null : "Webhook endpoints must use https.";

    /// <summary>An IP literal as itself (brackets and all), a name through DNS: what the save and the connection both check.</summary>
    internal static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }

    /// <summary>Checks one address at connect time; false for anything not public while private networks are refused.</summary>
    public bool MayConnect(IPAddress address) => options.Value.AllowPrivateNetworks || IsPublic(address);

    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || b[0] >= 224 // private, "this network", loopback, multicast and reserved
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var v6 = address.GetAddressBytes();
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublic(new IPAddress(v6.AsSpan(12, 4))); // NAT64 (64:ff9b::/96) reaches the IPv4 address inside it
        }

        if (v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublic(new IPAddress(v6.AsSpan(12, 4))); // IPv4-compatible (::a.b.c.d), deprecated but still parsed
        }

        if (v6[0] == 0x20 && v6[1] == 0x02)
        {
            return IsPublic(new IPAddress(v6.AsSpan(2, 4))); // 6to4 (2002::/16) carries an IPv4 address
        }

        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4] == 0x00 && v6[5] == 0x01)
        {
            return false; // local-use NAT64 (64:ff9b:1::/48)
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                 || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8)); // documentation range
    }
}
