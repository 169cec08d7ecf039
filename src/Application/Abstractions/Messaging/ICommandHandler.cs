using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Abstractions.Messaging;

public interface ICommandHandler<in TCommand, TResponse> : IRequestHandler<TCommand, Result<TResponse>>
    where TCommand : ICommand<TResponse>;
