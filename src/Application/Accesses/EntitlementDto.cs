using CleanPrepay.Domain.Accesses;

namespace CleanPrepay.Application.Accesses;

public sealed record EntitlementDto(bool Entitled, DateTimeOffset? Until, AccessKind? Via);
