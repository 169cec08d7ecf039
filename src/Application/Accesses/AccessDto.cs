using CleanPrepay.Domain.Accesses;

namespace CleanPrepay.Application.Accesses;

public sealed record AccessDto(
    string Id, AccessKind Kind, string? VideoId, string? PlanId, string? OrderId, DateTimeOffset StartsAt, DateTimeOffset? ExpiresAt,
    bool Active, DateTimeOffset? RevokedAt, string? Reason)
{
    public static AccessDto From(Access a, DateTimeOffset now) =>
        new(a.Id, a.Kind, a.VideoId, a.PlanId, a.OrderId, a.StartsAt, a.ExpiresAt, a.IsActiveAt(now), a.RevokedAt, a.Reason);
}
