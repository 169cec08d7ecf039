using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.TopUps;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.AutoTopUps;

internal static class AutoTopUpReads
{
    public static readonly Error NotFound = Error.NotFound("The auto top-up");

    /// <summary>The customer's auto top-up of <paramref name="currency"/>, or their only one when none is named.</summary>
    public static async Task<Result<AutoTopUp>> FindAsync(IQueryable<AutoTopUp> set, string customerId, string? currency, CancellationToken ct)
    {
        var found = await set.Where(a => a.CustomerId == customerId && a.RemovedAt == null && (currency == null || a.Currency == currency)).Take(2).ToListAsync(ct);
        return found switch
        {
            [var one] => one,
            [] => NotFound,
            _ => Error.Validation("currency", "The customer has auto top-ups in several currencies: name one with ?currency=."),
        };
    }
}
