namespace CleanPrepay.Application.Abstractions.Idempotency;

/// <summary>The idempotency key the current request runs under, if any: set by the HTTP layer, read by the unit of work.</summary>
public sealed class CurrentIdempotencyKey
{
    public string? Scope { get; private set; }

    public string? Key { get; private set; }

    /// <summary>A unit of work committed under the key (so the key is kept whatever the answer).</summary>
    public bool Committed { get; set; }

    public void Set(string scope, string key) => (Scope, Key) = (scope, key);
}
