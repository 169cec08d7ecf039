using CleanPrepay.Domain.Customers;
using FluentValidation;

namespace CleanPrepay.Application.Customers;

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
