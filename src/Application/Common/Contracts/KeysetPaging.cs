namespace CleanPrepay.Application.Common.Contracts;

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
