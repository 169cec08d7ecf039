using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>
/// A command whose handler opens its own units of work: it commits in several steps around an outside
/// call (a payment gateway), so that no transaction is held open across the network and a crash leaves
/// a record to reconcile; or it first tries a statement that commits itself (a wallet adjustment, ADR 0036).
/// </summary>
public interface IPhasedCommand<TResponse> : IRequest<Result<TResponse>>;
