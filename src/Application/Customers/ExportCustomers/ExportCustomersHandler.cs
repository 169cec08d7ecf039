using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Application.Customers.ListCustomers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ExportCustomers;

/// <summary>
/// Builds the query and hands back its unexecuted stream: rows are read one at a time, untracked,
/// while the caller consumes them, so exporting 100,000 customers holds one row in memory, not all.
/// The stream must be consumed within the request's scope (it reads through the scoped context).
/// </summary>
internal sealed class ExportCustomersHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ExportCustomersQuery, IAsyncEnumerable<CustomerExportRow>>
{
    public Task<Result<IAsyncEnumerable<CustomerExportRow>>> Handle(ExportCustomersQuery request, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin)
        {
            // The route is staff-only already; an export of every customer's personal data must never leak through another caller.
            return Task.FromResult(Result<IAsyncEnumerable<CustomerExportRow>>.Failure(
                new Error("forbidden", "Only the back office can export customers.", ErrorKind.Forbidden)));
        }

        var rows = db.Customers.AsNoTracking().WhereMatches(request.Status, request.Newsletter, request.OptIn)
            .OrderBy(c => c.Id)
            .Select(c => new CustomerExportRow(
                c.Id, c.Email, c.Name, c.Language, c.Country, c.Status, c.Newsletter, c.OptIn, c.RegisteredAt, c.LastVisitAt))
            .AsAsyncEnumerable();
        return Task.FromResult(Result.Success(rows));
    }
}
