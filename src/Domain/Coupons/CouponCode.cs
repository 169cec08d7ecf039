using System.Security.Cryptography;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Coupons;

/// <summary>
/// A code that redeems a campaign. The key is the code normalised (<see cref="Normalize"/>), so
/// codes match case-insensitively and with or without separators. A campaign's single shared code is
/// redeemable up to the campaign's cap; a bulk code once, and it records who redeemed it and when.
/// </summary>
public sealed class CouponCode
{
    /// <summary>The bulk alphabet: digits and capitals without the look-alikes 0/O, 1/I/L (31 symbols, about 4.95 bits each).</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Random symbols in a bulk code: 12, shown as XXXX-XXXX-XXXX, about 59 bits of entropy.</summary>
    public const int RandomLength = 12;

    public const int MaxLength = 64;

    public const int MaxPrefixLength = 20;

    private CouponCode()
    {
    }

    public CouponCode(string campaignId, string code, bool bulk, DateTimeOffset now)
    {
        Key = Normalize(code);
        Code = code;
        CampaignId = campaignId;
        Bulk = bulk;
        CreatedAt = now;
    }

    /// <summary>The normalised code: upper case, without spaces or hyphens. The primary key.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The code as shown to people.</summary>
    public string Code { get; private set; } = string.Empty;

    public string CampaignId { get; private set; } = string.Empty;

    public bool Bulk { get; private set; }

    public string? RedeemedBy { get; private set; }

    public DateTimeOffset? RedeemedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Upper case, spaces and hyphens removed: "welcome-10 " and "WELCOME10" are the same code.</summary>
    public static string Normalize(string code) =>
        string.Create(code.Length - code.Count(c => c is ' ' or '-' or '\t'), code, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (c is not (' ' or '-' or '\t'))
                {
                    span[i++] = char.ToUpperInvariant(c);
                }
            }
        });

    /// <summary>Whether a shared code or prefix is acceptable: 3–64 (prefix 1–20) letters, digits, hyphens or underscores.</summary>
    public static bool IsWellFormed(string code, int maxLength) =>
        code.Length >= 1 && code.Length <= maxLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        && Normalize(code).Length >= 1;

    /// <summary>
    /// <paramref name="count"/> new bulk codes, "PREFIX-XXXX-XXXX-XXXX", from a cryptographic RNG with
    /// no modulo bias (<see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, int)"/>).
    /// </summary>
    public static List<string> Generate(int count, string? prefix)
    {
        var codes = new List<string>(count);
        var symbols = RandomNumberGenerator.GetItems<char>(Alphabet, count * RandomLength);
        for (var i = 0; i < count; i++)
        {
            var s = new ReadOnlySpan<char>(symbols, i * RandomLength, RandomLength);
            var body = string.Concat(s[..4], "-", s[4..8], "-") + new string(s[8..]);
            codes.Add(prefix is null ? body : $"{prefix.ToUpperInvariant()}-{body}");
        }

        return codes;
    }
}
