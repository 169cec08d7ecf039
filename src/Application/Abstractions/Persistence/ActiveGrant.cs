using CleanPrepay.Domain.Accesses;

namespace CleanPrepay.Application.Abstractions.Persistence;

/// <summary>A grant that lets a customer watch a video now: how it was granted and until when (null: for good).</summary>
public readonly record struct ActiveGrant(AccessKind Kind, DateTimeOffset? ExpiresAt);
