using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.ListCustomers;

/// <summary>
/// A search page, newest first, whose cost does not hang on the planner guessing how many customers
/// match (ADR 0044). Each key is first walked in its own index order, at most
/// <see cref="MaxCandidates"/> entries: a prefix that few customers share gives its ids, which are
/// filtered, ordered and paged here. A prefix that more share is dense, and
/// the newest matches are found quickly by walking the ids backwards.
/// </summary>
internal static class CustomerSearch
{
    internal const int MaxCandidates = 1000;

    /// <summary>The page's customers (one more than <paramref name="take"/> when there is a next page), or null when the prefix is dense.</summary>
    public static async Task<List<Customer>?> FewMatchesAsync(
        IApplicationDbContext db, ListCustomersQuery request, int take, string? after, CancellationToken cancellationToken)
    {
        var (from, to) = CustomerFilters.SearchRange(request.Q!);
        // Both walks in one round trip; each stops one past the bound, so a dense key shows itself.
        var byEmail = db.Customers.AsNoTracking()
            .Where(c => string.Compare(c.NormalizedEmail, from) >= 0 && string.Compare(c.NormalizedEmail, to) < 0)
            .OrderBy(c => c.NormalizedEmail).Take(MaxCandidates + 1).Select(c => new { c.Id, ByName = false });
        var byName = db.Customers.AsNoTracking()
            .Where(c => string.Compare(c.NormalizedName, from) >= 0 && string.Compare(c.NormalizedName, to) < 0)
            .OrderBy(c => c.NormalizedName).Take(MaxCandidates + 1).Select(c => new { c.Id, ByName = true });
        var walked = await byEmail.Concat(byName).ToListAsync(cancellationToken);
        if (walked.Count(w => !w.ByName) > MaxCandidates || walked.Count(w => w.ByName) > MaxCandidates)
        {
            return null;
        }

        var ids = walked.Select(w => w.Id).Distinct(StringComparer.Ordinal)
            .Where(id => after is null || string.CompareOrdinal(id, after) < 0)
            .ToList();
        if (request.Status is not null || request.Newsletter is not null || request.OptIn is not null)
        {
            // The filters need the rows: one look-up by key gives the ids that pass.
            ids = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
                .WhereMatches(request.Status, request.Newsletter, request.OptIn).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        // No ORDER BY or LIMIT goes with the ids: a plan cached for any list (auto-prepare) can only look them up by key.
        var pageIds = ids.OrderDescending(StringComparer.Ordinal).Take(take + 1).ToList();
        var rows = await db.Customers.AsNoTracking().Where(c => pageIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(c => c.Id, StringComparer.Ordinal)];
    }
}
