namespace CleanPrepay.Domain.Common;

/// <summary>How an expected failure should be understood by a caller.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Conflict,
    Unprocessable,
    Forbidden,

    /// <summary>Something outside us (a provider) could not answer; the caller should try again later.</summary>
    Unavailable,
}

/// <summary>An expected failure with a stable snake_case code.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }

    public static Error NotFound(string what) => new("not_found", $"{what} was not found.", ErrorKind.NotFound);

    public static Error Validation(string field, string message) =>
        new("validation_failed", message, ErrorKind.Validation)
        {
            Fields = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static Error Conflict(string message) => new("conflict", message, ErrorKind.Conflict);
}
