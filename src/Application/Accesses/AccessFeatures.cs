using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Catalog;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Accesses;

public sealed record AccessDto(
    string Id, AccessKind Kind, string? VideoId, string? PlanId, string? OrderId, DateTimeOffset StartsAt, DateTimeOffset? ExpiresAt,
    bool Active, DateTimeOffset? RevokedAt, string? Reason)
{
    public static AccessDto From(Access a, DateTimeOffset now) =>
        new(a.Id, a.Kind, a.VideoId, a.PlanId, a.OrderId, a.StartsAt, a.ExpiresAt, a.IsActiveAt(now), a.RevokedAt, a.Reason);
}

public sealed record ListAccessesQuery(string CustomerId, bool? Active, int? Limit, string? Cursor) : IQuery<Page<AccessDto>>, ICustomerScoped, IPagedQuery;

internal sealed class ListAccessesValidator : PagedQueryValidator<ListAccessesQuery>;

internal sealed class ListAccessesHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<ListAccessesQuery, Page<AccessDto>>
{
    public async Task<Result<Page<AccessDto>>> Handle(ListAccessesQuery r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var query = db.Accesses.AsNoTracking().Where(a => a.CustomerId == r.CustomerId);
        if (r.Active is { } active)
        {
            query = active
                ? query.Where(a => a.RevokedAt == null && a.StartsAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now))
                : query.Where(a => a.RevokedAt != null || a.StartsAt > now || (a.ExpiresAt != null && a.ExpiresAt <= now));
        }

        return await query.PageByIdAsync(r.Limit, r.Cursor, a => AccessDto.From(a, now), cancellationToken);
    }
}

/// <summary>Staff grant an access by hand: one video, or a plan's whole catalogue, with a recorded reason.</summary>
public sealed record GrantAccessCommand(string CustomerId, string? VideoId, string? PlanId, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt, string? Reason)
    : ICommand<AccessDto>, ICustomerScoped;

internal sealed class GrantAccessValidator : AbstractValidator<GrantAccessCommand>
{
    public GrantAccessValidator()
    {
        RuleFor(c => c).Must(c => (c.VideoId is null) != (c.PlanId is null)).OverridePropertyName("videoId")
            .WithMessage("Grant either a videoId or a planId, exactly one of them.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("A reason is required for a manual access.").MaximumLength(500);
        RuleFor(c => c.ExpiresAt).Must((c, e) => e is null || e > (c.StartsAt ?? DateTimeOffset.MinValue))
            .WithMessage("expiresAt must be after startsAt.");
    }
}

internal sealed class GrantAccessHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<GrantAccessCommand, AccessDto>
{
    public async Task<Result<AccessDto>> Handle(GrantAccessCommand r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        if (r.VideoId is not null && !await db.Videos.AnyAsync(v => v.Id == r.VideoId, cancellationToken))
        {
            return CatalogInput.VideoNotFound;
        }

        if (r.PlanId is not null && !await db.Plans.AnyAsync(p => p.Id == r.PlanId, cancellationToken))
        {
            return CatalogInput.PlanNotFound;
        }

        var now = time.GetUtcNow();
        var access = Access.Grant(r.CustomerId, AccessKind.Manual, r.VideoId, r.PlanId, null, r.StartsAt ?? now, r.ExpiresAt, r.Reason, user.Actor);
        db.Accesses.Add(access);
        return AccessDto.From(access, now);
    }
}

public sealed record EntitlementDto(bool Entitled, DateTimeOffset? Until, AccessKind? Via);

/// <summary>May this customer watch this video now? Through a rental or purchase of it, an active subscription, or a manual grant.</summary>
public sealed record GetEntitlementQuery(string CustomerId, string VideoId) : IQuery<EntitlementDto>, ICustomerScoped;

internal sealed class GetEntitlementHandler(IEntitlementReader entitlements, TimeProvider time) : IQueryHandler<GetEntitlementQuery, EntitlementDto>
{
    public async Task<Result<EntitlementDto>> Handle(GetEntitlementQuery r, CancellationToken cancellationToken)
    {
        var grants = await entitlements.ActiveGrantsAsync(r.CustomerId, r.VideoId, time.GetUtcNow(), cancellationToken);
        if (grants.Count == 0)
        {
            return new EntitlementDto(false, null, null);
        }

        // The longest-lasting grant answers: one that never expires beats any other.
        var best = grants.OrderBy(g => g.ExpiresAt is null ? 0 : 1).ThenByDescending(g => g.ExpiresAt).First();
        return new EntitlementDto(true, best.ExpiresAt, best.Kind);
    }
}
