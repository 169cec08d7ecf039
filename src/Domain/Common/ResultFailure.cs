using System.Reflection;
namespace CleanPrepay.Domain.Common;

/// <summary>Builds a failed <typeparamref name="TResponse"/> (a <c>Result</c> or <c>Result&lt;T&gt;</c>) where only the type is known: generic pipeline behaviours, the unit of work.</summary>
public static class ResultFailure<TResponse>
{
    private static readonly Func<Error, TResponse>? Factory = Build();

    public static bool CanCreate => Factory is not null;

    public static TResponse Create(Error error) =>
        Factory is null
            ? throw new InvalidOperationException($"{typeof(TResponse)} is not a Result<T>.")
            : Factory(error);

    private static Func<Error, TResponse>? Build()
    {
        var type = typeof(TResponse);
        if (type == typeof(Result))
        {
            return error => (TResponse)(object)Result.Failure(error);
        }

        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Result<>))
        {
            return null;
        }

        var method = type.GetMethod(nameof(Result.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])!;
        return method.CreateDelegate<Func<Error, TResponse>>();
    }
}
