using System.Globalization;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ListCustomerProducts;

/// <summary>
/// Only paid orders count: a refunded, failed or pending order bought nothing. One customer's paid
/// lines are few (a projection of four columns), so they are grouped here rather than in SQL, which
/// keeps the description of the latest purchase and one query that both providers translate alike.
/// </summary>
internal sealed class ListCustomerProductsHandler(IApplicationDbContext db)
    : IQueryHandler<ListCustomerProductsQuery, Page<CustomerProductDto>>
{
    public async Task<Result<Page<CustomerProductDto>>> Handle(ListCustomerProductsQuery request, CancellationToken cancellationToken)
    {
        var id = request.CustomerId;
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == id, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        var lines = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == id && o.Status == OrderStatus.Paid)
            .SelectMany(o => o.Lines, (o, l) => new { l.Kind, l.ItemId, l.Description, BoughtAt = o.PaidAt ?? o.CreatedAt })
            .ToListAsync(cancellationToken);

        var products = lines
            .GroupBy(l => (l.Kind, l.ItemId))
            .Select(g => new CustomerProductDto(
                g.Key.Kind,
                g.Key.ItemId,
                g.MaxBy(l => l.BoughtAt)!.Description,
                g.Min(l => l.BoughtAt),
                g.Count()))
            .OrderByDescending(SortKey, StringComparer.Ordinal);

        var limit = request.Limit ?? Cursor.DefaultLimit;
        var page = Cursor.TryDecode(request.Cursor, out var after)
            ? products.Where(p => string.CompareOrdinal(SortKey(p), after) < 0)
            : products;
        return Cursor.ToPage(page.Take(limit + 1).ToList(), limit, SortKey, p => p);
    }

    /// <summary>Newest first, then a stable tie-break: the keyset of the cursor.</summary>
    private static string SortKey(CustomerProductDto p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.FirstBoughtAt.UtcTicks:D19}|{(int)p.Kind}|{p.ItemId}");
}
