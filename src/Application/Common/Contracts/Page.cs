using System.Buffers.Text;
using System.Text;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>One page of a list, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

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

/// <summary>Keyset paging by time-ordered id, newest first: the one implementation every id-keyed list uses.</summary>
public static class KeysetPaging
{
    public static async Task<Page<TOut>> PageByIdAsync<T, TOut>(
        this IQueryable<T> query, int? limit, string? cursor, Func<T, TOut> map, CancellationToken cancellationToken)
        where T : Domain.Common.AggregateRoot
    {
        var take = limit ?? Cursor.DefaultLimit;
        if (Cursor.TryDecode(cursor, out var after))
        {
            query = query.Where(x => string.Compare(x.Id, after) < 0);
        }

        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            query.OrderByDescending(x => x.Id).Take(take + 1), cancellationToken);
        return Cursor.ToPage(rows, take, x => x.Id, map);
    }
}
