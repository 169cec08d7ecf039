using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>A request that only reads, through untracked projections.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>;
