namespace CleanPrepay.Domain.Common;

/// <summary>
/// Opaque, prefixed, time-ordered identifiers: <c>cus_</c> + 32 hex digits of a UUIDv7.
/// Sorting the strings sorts by creation time to the millisecond.
/// </summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
