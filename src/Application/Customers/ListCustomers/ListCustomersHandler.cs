using AutoMapper;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ListCustomers;

/// <summary>Newest first: ids are time-ordered, so the id is the keyset.</summary>
internal sealed class ListCustomersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async Task<Result<Page<CustomerDto>>> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        return await db.Customers.AsNoTracking().WhereMatches(request.Status, request.Newsletter, request.OptIn).PageByIdAsync(request.Limit, request.Cursor, mapper.Map<CustomerDto>, cancellationToken);
    }
}
