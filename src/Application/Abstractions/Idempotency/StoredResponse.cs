namespace CleanPrepay.Application.Abstractions.Idempotency;

/// <summary>A stored answer, replayed byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);
