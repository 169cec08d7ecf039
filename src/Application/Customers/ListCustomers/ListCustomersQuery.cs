using AutoMapper;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ListCustomers;

public sealed record ListCustomersQuery(CustomerStatus? Status, bool? Newsletter, bool? OptIn, int? Limit, string? Cursor)
    : IQuery<Page<CustomerDto>>, IPagedQuery;

internal sealed class ListCustomersValidator : PagedQueryValidator<ListCustomersQuery>
{
    public ListCustomersValidator() => RuleFor(q => q.Status).IsInEnum();
}

/// <summary>Newest first: ids are time-ordered, so the id is the keyset.</summary>
internal sealed class ListCustomersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async Task<Result<Page<CustomerDto>>> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        return await db.Customers.AsNoTracking().WhereMatches(request.Status, request.Newsletter, request.OptIn).PageByIdAsync(request.Limit, request.Cursor, mapper.Map<CustomerDto>, cancellationToken);
    }
}

/// <summary>The customer filters the list and the CSV export share.</summary>
internal static class CustomerFilters
{
    public static IQueryable<Customer> WhereMatches(this IQueryable<Customer> query, CustomerStatus? status, bool? newsletter, bool? optIn)
    {
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        if (newsletter is { } n)
        {
            query = query.Where(c => c.Newsletter == n);
        }

        if (optIn is { } o)
        {
            query = query.Where(c => c.OptIn == o);
        }

        return query;
    }
}
