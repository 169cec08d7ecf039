using System.Buffers.Text;
using System.Text;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>Opaque keyset cursors: base64url of the last item's sort key.</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static bool TryDecode(string? cursor, out string key)
    {
        key = string.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 512)
        {
            return false;
        }

        try
        {
            key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Takes one item more than asked to know whether a next page exists.</summary>
    public static Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> fetched, int limit, Func<TIn, string> key, Func<TIn, TOut> map)
    {
        var hasMore = fetched.Count > limit;
        var items = fetched.Take(limit).ToList();
        return new Page<TOut>(items.Select(map).ToList(), hasMore ? Encode(key(items[^1])) : null);
    }
}
