using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers;

/// <summary>Whether a customer may spend: the one read behind <c>customer_inactive</c>, for the behaviour and for handlers that learn the customer late.</summary>
internal static class CustomerStanding
{
    /// <returns>The refusal for an inactive customer; null when active or unknown (the handler answers 404).</returns>
    public static async Task<Error?> RefusalAsync(IApplicationDbContext db, string? customerId, CancellationToken ct)
    {
        if (customerId is null)
        {
            return null;
        }

        var status = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => (CustomerStatus?)c.Status).FirstOrDefaultAsync(ct);
        return status == CustomerStatus.Inactive ? CustomerErrors.Inactive : null;
    }
}
