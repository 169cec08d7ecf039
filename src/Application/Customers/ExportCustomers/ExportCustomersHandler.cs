using System.Runtime.CompilerServices;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Application.Customers.ListCustomers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ExportCustomers;

/// <summary>
/// Hands back a stream read in keyset pages of <see cref="PageSize"/>: a page's rows are held while the
/// caller writes them, and the database connection only while a page is read, so a slow download
/// neither fills memory nor keeps one of the pool's few connections (ADR 0037). Rows are in id order;
/// a customer registered during the export may or may not be in it, but none is repeated or skipped.
/// The stream must be consumed within the request's scope (it reads through the scoped context).
/// </summary>
internal sealed class ExportCustomersHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ExportCustomersQuery, IAsyncEnumerable<CustomerExportRow>>
{
    internal const int PageSize = 500;

    public Task<Result<IAsyncEnumerable<CustomerExportRow>>> Handle(ExportCustomersQuery request, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin)
        {
            // The route is staff-only already; an export of every customer's personal data must never leak through another caller.
            return Task.FromResult(Result<IAsyncEnumerable<CustomerExportRow>>.Failure(
                new Error("forbidden", "Only the back office can export customers.", ErrorKind.Forbidden)));
        }

        return Task.FromResult(Result.Success(Pages(request)));
    }

    private async IAsyncEnumerable<CustomerExportRow> Pages(ExportCustomersQuery request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var query = db.Customers.AsNoTracking().WhereMatches(request.Q, request.Status, request.Newsletter, request.OptIn);
            if (after is not null)
            {
                query = query.Where(c => string.Compare(c.Id, after) > 0);
            }

            var page = await query.OrderBy(c => c.Id).Take(PageSize)
                .Select(c => new CustomerExportRow(
                    c.Id, c.Email, c.Name, c.Language, c.Country, c.Status, c.Newsletter, c.OptIn, c.RegisteredAt, c.LastVisitAt))
                .ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }
}
