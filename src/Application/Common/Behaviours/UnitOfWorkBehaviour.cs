using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>Runs a command's handler inside one unit of work (one transaction, retried on conflicts).</summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).GetInterfaces()
        .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Abstractions.Messaging.ICommand<>));

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return next();
        }

        return RunAsync(next, cancellationToken);
    }

    private async Task<TResponse> RunAsync(RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        // The refusal is built as TResponse itself (Result<T> for a command returning T), never as a bare Result.
        var result = await unitOfWork.ExecuteAsync(
            async _ => (Result)(object)(await next())!,
            error => (Result)(object)ResultFailure<TResponse>.Create(error)!,
            cancellationToken);
        return (TResponse)(object)result;
    }
}
