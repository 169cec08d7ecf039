using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Customers;
using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>Refuses every <see cref="ICustomerSpending"/> request of an inactive customer before its handler runs.</summary>
internal sealed class ActiveCustomerBehaviour<TRequest, TResponse>(IApplicationDbContext db) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ICustomerSpending spending and not ICustomerSpendingCheckedInItsUnitOfWork && await CustomerStanding.RefusalAsync(db, spending.CustomerId, cancellationToken) is { } refusal)
        {
            return ResultFailure<TResponse>.Create(refusal);
        }

        return await next();
    }
}
