using System.Diagnostics.CodeAnalysis;

namespace CleanPrepay.Domain.Common;

/// <summary>The outcome of an operation that can fail in an expected way.</summary>
public class Result
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>A value, or an expected failure.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, Error? error)
        : base(error) => _value = value;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"A failed result has no value ({Error.Code}).");

    public static Result<T> Success(T value) => new(value, null);

    public static new Result<T> Failure(Error error) => new(default, error);

    /// <summary>Runs <paramref name="next"/> on the value of a success; a failure passes through unchanged.</summary>
    public Result<TNext> Bind<TNext>(Func<T, Result<TNext>> next) => IsSuccess ? next(_value!) : Error!;

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
