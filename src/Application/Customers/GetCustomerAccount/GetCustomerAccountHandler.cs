using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.GetCustomerAccount;

/// <summary>Counts are computed by the database (no rows are loaded); "active" is judged at the request's instant.</summary>
internal sealed class GetCustomerAccountHandler(IApplicationDbContext db, TimeProvider time)
    : IQueryHandler<GetCustomerAccountQuery, CustomerAccountDto>
{
    public async Task<Result<CustomerAccountDto>> Handle(GetCustomerAccountQuery request, CancellationToken cancellationToken)
    {
        var id = request.CustomerId;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return CustomerErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var validOrders = await db.Orders.AsNoTracking()
            .CountAsync(o => o.CustomerId == id && o.Status == OrderStatus.Paid, cancellationToken);
        var views = db.Views.AsNoTracking().Where(v => v.CustomerId == id);
        var videosViewed = await views.Select(v => v.VideoId).Distinct().CountAsync(cancellationToken);
        var totalWatchedSeconds = await views.SumAsync(v => (long)v.Seconds, cancellationToken);
        var activeAccesses = await db.Accesses.AsNoTracking().CountAsync(
            a => a.CustomerId == id && a.RevokedAt == null && a.StartsAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now),
            cancellationToken);

        return new CustomerAccountDto
        {
            Id = customer.Id,
            Email = customer.Email,
            Name = customer.Name,
            Language = customer.Language,
            Country = customer.Country,
            Newsletter = customer.Newsletter,
            OptIn = customer.OptIn,
            Status = customer.Status,
            RegisteredAt = customer.RegisteredAt,
            LastVisitAt = customer.LastVisitAt,
            ValidOrders = validOrders,
            VideosViewed = videosViewed,
            TotalWatchedSeconds = totalWatchedSeconds,
            ActiveAccesses = activeAccesses,
        };
    }
}
