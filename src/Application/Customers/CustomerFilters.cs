using CleanPrepay.Domain.Customers;
using FluentValidation;

namespace CleanPrepay.Application.Customers;

/// <summary>The customer filters the list and the CSV export share.</summary>
internal static class CustomerFilters
{
    /// <summary>The highest code point: in binary (UTF-8 or UTF-16) order every text starting with a prefix sorts below prefix + this.</summary>
    private const string PastEveryCharacter = "\U0010FFFF";

    public const int MaxSearchLength = 254;

    /// <summary>
    /// A prefix as a range over the search keys, so both databases walk an index (binary order; "C"
    /// collation on PostgreSQL, ADR 0044). An exact email is its own longest prefix.
    /// </summary>
    public static (string From, string To) SearchRange(string search)
    {
        var from = Customer.SearchKey(search);
        return (from, from + PastEveryCharacter);
    }

    public static IQueryable<Customer> WhereMatches(this IQueryable<Customer> query, string? search, CustomerStatus? status, bool? newsletter, bool? optIn)
    {
        if (search is not null)
        {
            var (from, to) = SearchRange(search);
            query = query.Where(c =>
                (string.Compare(c.NormalizedEmail, from) >= 0 && string.Compare(c.NormalizedEmail, to) < 0)
                || (string.Compare(c.NormalizedName, from) >= 0 && string.Compare(c.NormalizedName, to) < 0));
        }

        return query.WhereMatches(status, newsletter, optIn);
    }

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

    public static IRuleBuilderOptions<T, string?> ValidCustomerSearch<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(q => q is null || (q.Trim().Length > 0 && q.Length <= MaxSearchLength))
            .WithMessage($"The search is an email or the start of an email or a name: 1 to {MaxSearchLength} characters, not only spaces.");
}
