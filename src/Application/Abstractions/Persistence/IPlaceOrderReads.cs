using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>
/// The reads on PlaceOrder's hot path, untracked and precompiled by the persistence adapter: a LINQ
/// query rebuilt on every call costs the API more CPU than the database spends answering it (ADR 0016).
/// </summary>
public interface IPlaceOrderReads
{
    Task<Customer?> CustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>The videos among <paramref name="videoIds"/> that exist, by id.</summary>
    Task<Dictionary<string, Video>> VideosAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken);
}
