using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>
/// A command whose handler must commit in several steps around an outside call (a payment gateway),
/// so that no transaction is held open across the network and a crash leaves a record to reconcile.
/// The handler opens its own units of work.
/// </summary>
public interface IPhasedCommand<TResponse> : IRequest<Result<TResponse>>;
