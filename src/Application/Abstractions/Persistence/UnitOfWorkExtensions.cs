using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>The two typed forms of <see cref="IUnitOfWork.ExecuteAsync{TResult}"/>: the refusal is built statically.</summary>
public static class UnitOfWorkExtensions
{
    public static Task<Result<T>> ExecuteAsync<T>(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(work, Result<T>.Failure, cancellationToken);

    public static Task<Result> ExecuteAsync(this IUnitOfWork unitOfWork, Func<CancellationToken, Task<Result>> work, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(work, Result.Failure, cancellationToken);
}
