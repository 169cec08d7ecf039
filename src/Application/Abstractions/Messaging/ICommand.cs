using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>A request that changes state. The unit-of-work behaviour runs its handler in one transaction.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>;
