using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>A request that changes state. The unit-of-work behaviour runs its handler in one transaction.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>;

/// <summary>
/// A command whose handler must commit in several steps around an outside call (a payment gateway),
/// so that no transaction is held open across the network and a crash leaves a record to reconcile.
/// The handler opens its own units of work.
/// </summary>
public interface IPhasedCommand<TResponse> : IRequest<Result<TResponse>>;

/// <summary>A request that only reads, through untracked projections.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>;

/// <summary>A request about one customer's resources: a customer may only name their own id.</summary>
public interface ICustomerScoped
{
    string CustomerId { get; }
}

/// <summary>
/// A request that spends for a customer (pays, tops up, subscribes, redeems a coupon): refused 403
/// <c>customer_inactive</c> while the account is inactive, whoever calls.
/// </summary>
public interface ICustomerSpending : ICustomerScoped;

public interface ICommandHandler<in TCommand, TResponse> : IRequestHandler<TCommand, Result<TResponse>>
    where TCommand : ICommand<TResponse>;

public interface IPhasedCommandHandler<in TCommand, TResponse> : IRequestHandler<TCommand, Result<TResponse>>
    where TCommand : IPhasedCommand<TResponse>;

public interface IQueryHandler<in TQuery, TResponse> : IRequestHandler<TQuery, Result<TResponse>>
    where TQuery : IQuery<TResponse>;
