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
    : IQuery<Page<CustomerDto>>;

internal sealed class ListCustomersValidator : AbstractValidator<ListCustomersQuery>
{
    public ListCustomersValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).ValidCursor();
        RuleFor(q => q.Status).IsInEnum();
    }
}

/// <summary>Newest first: ids are time-ordered, so the id is the keyset.</summary>
internal sealed class ListCustomersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<ListCustomersQuery, Page<CustomerDto>>
{
    public async Task<Result<Page<CustomerDto>>> Handle(ListCustomersQuery request, CancellationToken cancellationToken)
    {
        var query = db.Customers.AsNoTracking();
        if (request.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (request.Newsletter is { } newsletter)
        {
            query = query.Where(c => c.Newsletter == newsletter);
        }

        if (request.OptIn is { } optIn)
        {
            query = query.Where(c => c.OptIn == optIn);
        }

        return await query.PageByIdAsync(request.Limit, request.Cursor, mapper.Map<CustomerDto>, cancellationToken);
    }
}
