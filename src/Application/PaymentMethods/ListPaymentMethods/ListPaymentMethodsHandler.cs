using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods.ListPaymentMethods;

internal sealed class ListPaymentMethodsHandler(IApplicationDbContext db) : IQueryHandler<ListPaymentMethodsQuery, IReadOnlyList<PaymentMethodDto>>
{
    public async Task<Result<IReadOnlyList<PaymentMethodDto>>> Handle(ListPaymentMethodsQuery request, CancellationToken ct)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == request.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        // A customer keeps a handful of methods: one short list, no paging.
        var methods = await db.SavedPaymentMethods.AsNoTracking()
            .Where(m => m.CustomerId == request.CustomerId && (request.IncludeRevoked || m.Status != SavedMethodStatus.Revoked))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(200)
            .ToListAsync(ct);
        return methods.Select(PaymentMethodDto.From).ToList();
    }
}
