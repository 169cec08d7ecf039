using AutoMapper;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ListCustomers;

/// <summary>Newest first, searched or not: ids are time-ordered, so the id is the keyset.</summary>
internal sealed class ListCustomersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async Task<Result<Page<CustomerDto>>> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        if (request.Q is not null)
        {
            var take = request.Limit ?? Cursor.DefaultLimit;
            var after = Cursor.TryDecode(request.Cursor, out var key) ? key : null;
            if (await CustomerSearch.FewMatchesAsync(db, request, take, after, cancellationToken) is { } few)
            {
                return Cursor.ToPage(few, take, c => c.Id, mapper.Map<CustomerDto>);
            }
        }

        return await db.Customers.AsNoTracking().WhereMatches(request.Q, request.Status, request.Newsletter, request.OptIn)
            .PageByIdAsync(request.Limit, request.Cursor, mapper.Map<CustomerDto>, cancellationToken);
    }
}
