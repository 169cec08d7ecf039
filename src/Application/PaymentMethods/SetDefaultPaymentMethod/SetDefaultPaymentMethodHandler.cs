using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods.SetDefaultPaymentMethod;

/// <summary>Under the customer's row lock, so two racing requests leave exactly one default.</summary>
internal sealed class SetDefaultPaymentMethodHandler(IApplicationDbContext db, IRowLocker locker, TimeProvider time)
    : ICommandHandler<SetDefaultPaymentMethodCommand, PaymentMethodDto>
{
    public async Task<Result<PaymentMethodDto>> Handle(SetDefaultPaymentMethodCommand request, CancellationToken ct)
    {
        await locker.LockAsync<Customer>(nameof(Customer.Id), request.CustomerId, ct);
        var methods = await db.SavedPaymentMethods
            .Where(m => m.CustomerId == request.CustomerId && (m.Id == request.SavedMethodId || m.IsDefault))
            .ToListAsync(ct);
        if (methods.FirstOrDefault(m => m.Id == request.SavedMethodId) is not { } chosen)
        {
            return SavedMethodErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var made = chosen.MakeDefault(now);
        if (!made.IsSuccess)
        {
            return made.Error;
        }

        foreach (var other in methods.Where(m => m.Id != chosen.Id))
        {
            other.ClearDefault(now);
        }

        return PaymentMethodDto.From(chosen);
    }
}
