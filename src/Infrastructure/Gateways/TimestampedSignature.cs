using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>
/// The <c>t=…,v1=…</c> HMAC-SHA256 webhook signature Stripe and Tink share (docs/reference/providers.md#stripe).
/// The timestamp is checked after the signature, so that it is itself signed.
/// </summary>
internal static class TimestampedSignature
{
    /// <returns>Null when the signature holds, else why not (never echoing the header or a secret).</returns>
    public static string? Check(string headerName, string? header, byte[] body, IReadOnlyCollection<string> secrets, TimeSpan tolerance, DateTimeOffset receivedAt)
    {
        if (secrets.Count == 0)
        {
            return "no webhook secret is configured.";
        }

        if (string.IsNullOrEmpty(header))
        {
            return $"the {headerName} header is missing.";
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            switch (pair[0].Trim())
            {
                case "t" when long.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t):
                    timestamp = t;
                    break;
                case "v1":
                    try
                    {
                        signatures.Add(Convert.FromHexString(pair[1].Trim()));
                    }
                    catch (FormatException)
                    {
                        // not a v1 signature: ignored like any other key
                    }

                    break;
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            return $"the {headerName} header has no timestamp or no v1 signature.";
        }

        var signed = Encoding.UTF8.GetBytes(timestamp.Value.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        var matches = secrets.Any(secret =>
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            return signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected));
        });
        if (!matches)
        {
            return "no v1 signature matches.";
        }

        var age = receivedAt - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        return age.Duration() > tolerance ? $"the signature's timestamp is outside the {tolerance.TotalSeconds:0} s window." : null;
    }
}
