using CleanPrepay.Domain.Common;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Domain.Customers;
using MediatR;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>
/// A customer may only name their own customer id; another id answers 404 as if it did not exist,
/// so ids cannot be probed. Admins may name any.
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is ICustomerScoped scoped && user.Role != UserRole.Admin && user.CustomerId != scoped.CustomerId)
        {
            return Task.FromResult(ResultFailure<TResponse>.Create(CustomerErrors.NotFound));
        }

        return next();
    }
}
