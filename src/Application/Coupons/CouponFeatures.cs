using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons;

public sealed record BulkCodesInput(int? Count, string? Prefix);

public enum CampaignStatus
{
    Active,
    Expired,
}

public sealed record CouponCampaignDto(
    string Id,
    string Name,
    int? PercentOff,
    MoneyDto? AmountOff,
    IReadOnlyList<MoneyDto> AmountsOff,
    int? FreeTrialDays,
    CouponDuration Duration,
    int? DurationInMonths,
    CouponScope AppliesTo,
    IReadOnlyList<string> PlanIds,
    IReadOnlyList<string> PackageIds,
    int? MaxRedemptions,
    DateTimeOffset? RedeemBy,
    string? Code,
    bool Bulk,
    CampaignStatus Status,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset CreatedAt,
    int Redemptions,
    IReadOnlyList<MoneyDto> DiscountGranted)
{
    public static CouponCampaignDto From(CouponCampaign c, int redemptions, IReadOnlyList<MoneyDto> granted) => new(
        c.Id, c.Name, c.PercentOffBasisPoints, c.AmountOff.Count > 0 ? MoneyDto.From(c.AmountOff[0]) : null,
        c.AmountOff.Select(MoneyDto.From).ToList(), c.FreeTrialDays, c.Duration, c.DurationInMonths, c.AppliesTo, c.PlanIds, c.PackageIds,
        c.MaxRedemptions, c.RedeemBy, c.Code, c.Bulk, c.ExpiredAt is null ? CampaignStatus.Active : CampaignStatus.Expired, c.ExpiredAt,
        c.CreatedAt, redemptions, granted);
}

public sealed record CouponCodeDto(string Code, string CampaignId, bool Bulk, string? RedeemedBy, DateTimeOffset? RedeemedAt, DateTimeOffset CreatedAt)
{
    public static CouponCodeDto From(CouponCode c) => new(c.Code, c.CampaignId, c.Bulk, c.RedeemedBy, c.RedeemedAt, c.CreatedAt);
}

public sealed record GeneratedCodesDto(string CampaignId, int Count, IReadOnlyList<string> Codes);

public sealed record CouponRedemptionDto(
    string Id, string CampaignId, string CampaignName, string Code, string CustomerId, RedemptionStatus Status, string? OrderId, string? SubscriptionId,
    MoneyDto? Discount, DateTimeOffset RedeemedAt, DateTimeOffset? AppliedAt)
{
    public static CouponRedemptionDto From(CouponRedemption r) => new(
        r.Id, r.CampaignId, r.CampaignName, r.Code, r.CustomerId, r.Status, r.OrderId, r.SubscriptionId,
        r.DiscountAmount is { } amount ? new MoneyDto(amount, r.Currency!) : null, r.RedeemedAt, r.AppliedAt);
}

internal static class CouponReads
{
    public static readonly Error CampaignNotFound = Error.NotFound("The coupon campaign");

    /// <summary>The campaign with its report: redemptions (rows, attached or applied) and the discount granted per currency.</summary>
    public static async Task<CouponCampaignDto> WithReportAsync(IApplicationDbContext db, CouponCampaign campaign, CancellationToken ct) =>
        CouponCampaignDto.From(
            campaign,
            await db.CouponRedemptions.AsNoTracking().CountAsync(r => r.CampaignId == campaign.Id, ct),
            await GrantedAsync(db, campaign.Id, ct));

    /// <summary>Discount granted by the campaign's applied redemptions, per currency.</summary>
    private static async Task<IReadOnlyList<MoneyDto>> GrantedAsync(IApplicationDbContext db, string campaignId, CancellationToken ct) =>
        (await db.CouponRedemptions.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.Status == RedemptionStatus.Applied && r.Currency != null)
            .GroupBy(r => r.Currency!)
            .Select(g => new { Currency = g.Key, Amount = g.Sum(r => r.DiscountAmount ?? 0) })
            .ToListAsync(ct))
        .OrderBy(g => g.Currency, StringComparer.Ordinal)
        .Select(g => new MoneyDto(g.Amount, g.Currency))
        .ToList();
}

public sealed record CreateCouponCampaignCommand(
    string? Name,
    int? PercentOff,
    MoneyInput? AmountOff,
    IReadOnlyList<MoneyInput?>? AmountsOff,
    int? FreeTrialDays,
    CouponDuration? Duration,
    int? DurationInMonths,
    CouponScope? AppliesTo,
    IReadOnlyList<string?>? PlanIds,
    int? MaxRedemptions,
    DateTimeOffset? RedeemBy,
    string? Code,
    BulkCodesInput? Bulk,
    IReadOnlyList<string?>? PackageIds = null) : ICommand<CouponCampaignDto>;

internal sealed class CreateCouponCampaignValidator : AbstractValidator<CreateCouponCampaignCommand>
{
    public const int MaxBulkCount = 100_000;

    public CreateCouponCampaignValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name is required.").MaximumLength(200);
        RuleFor(c => c.PercentOff).InclusiveBetween(1, CouponCampaign.MaxPercentOffBasisPoints)
            .WithMessage("percentOff is in basis points, from 1 to 10000 (100 %).");
        RuleFor(c => c.AmountOff!).SetValidator(new MoneyInputValidator()).When(c => c.AmountOff is not null);
        RuleFor(c => c.AmountsOff).Null().When(c => c.AmountOff is null).WithMessage("Send amountsOff together with amountOff.");
        RuleForEach(c => c.AmountsOff).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.Duration).NotNull().WithMessage("The duration is required: once, repeating or forever.").IsInEnum();
        RuleFor(c => c.AppliesTo).NotNull().WithMessage("appliesTo is required: order, subscription or account.").IsInEnum();
        RuleFor(c => c.PlanIds).Must(p => p!.Count <= 100).When(c => c.PlanIds is not null).WithMessage("At most 100 planIds.");
        RuleForEach(c => c.PlanIds).NotEmpty().MaximumLength(64);
        RuleFor(c => c.PackageIds).Must(p => p!.Count <= 100).When(c => c.PackageIds is not null).WithMessage("At most 100 packageIds.");
        RuleForEach(c => c.PackageIds).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Code).Must(c => CouponCode.IsWellFormed(c!, CouponCode.MaxLength) && CouponCode.Normalize(c!).Length >= 3)
            .When(c => c.Code is not null)
            .WithMessage("A code is 3 to 64 letters, digits, hyphens or underscores.");
        RuleFor(c => c.Bulk).NotNull().When(c => c.Code is null).WithMessage("Give a code, or bulk: {\"count\"} for unique codes.");
        RuleFor(c => c.Bulk).Null().When(c => c.Code is not null).WithMessage("Give a code or bulk, not both.");
        RuleFor(c => c.Bulk!.Count).NotNull().InclusiveBetween(1, MaxBulkCount).When(c => c.Bulk is not null)
            .WithMessage($"bulk.count is 1 to {MaxBulkCount:N0}.");
        RuleFor(c => c.Bulk!.Prefix).Must(p => CouponCode.IsWellFormed(p!, CouponCode.MaxPrefixLength))
            .When(c => c.Bulk?.Prefix is not null)
            .WithMessage("bulk.prefix is 1 to 20 letters, digits, hyphens or underscores.");
    }
}

internal sealed class CreateCouponCampaignHandler(IApplicationDbContext db, ICouponCodeWriter writer, TimeProvider time)
    : ICommandHandler<CreateCouponCampaignCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(CreateCouponCampaignCommand r, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var amounts = r.AmountOff is null ? null : new[] { r.AmountOff }.Concat(r.AmountsOff ?? []).Select(m => m!.ToMoney()).ToList();
        var planIds = r.PlanIds?.Select(p => p!).ToList();
        if (planIds is { Count: > 0 })
        {
            var known = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
            if (planIds.Except(known).FirstOrDefault() is { } unknown)
            {
                return Error.NotFound($"The plan '{unknown}'");
            }
        }

        var packageIds = r.PackageIds?.Select(p => p!).ToList();
        if (packageIds is { Count: > 0 })
        {
            var known = await db.PrepaymentPackages.AsNoTracking().Where(p => packageIds.Contains(p.Id) && p.DeletedAt == null).Select(p => p.Id).ToListAsync(cancellationToken);
            if (packageIds.Except(known).FirstOrDefault() is { } unknown)
            {
                return Error.NotFound($"The prepayment package '{unknown}'");
            }
        }

        var terms = new CouponTerms(
            r.Name!, r.PercentOff, amounts, r.FreeTrialDays, r.Duration!.Value, r.DurationInMonths, r.AppliesTo!.Value, planIds, r.MaxRedemptions, r.RedeemBy, packageIds);
        var created = CouponCampaign.Create(terms, r.Code, r.Bulk is not null, now);
        if (!created.IsSuccess)
        {
            return created.Error;
        }

        var campaign = created.Value;
        db.CouponCampaigns.Add(campaign);
        if (r.Code is { } code)
        {
            var key = CouponCode.Normalize(code);
            if (await db.CouponCodes.AsNoTracking().AnyAsync(c => c.Key == key, cancellationToken))
            {
                return Error.Conflict($"The code '{code}' already exists (codes match without case, spaces or hyphens).");
            }

            db.CouponCodes.Add(new CouponCode(campaign.Id, code, bulk: false, now));
        }
        else
        {
            await writer.GenerateAsync(campaign.Id, r.Bulk!.Count!.Value, r.Bulk.Prefix, now, cancellationToken);
        }

        return CouponCampaignDto.From(campaign, 0, []);
    }
}

public sealed record GenerateCouponCodesCommand(string CampaignId, int? Count, string? Prefix) : ICommand<GeneratedCodesDto>;

internal sealed class GenerateCouponCodesValidator : AbstractValidator<GenerateCouponCodesCommand>
{
    public GenerateCouponCodesValidator()
    {
        RuleFor(c => c.Count).NotNull().WithMessage("count is required.").InclusiveBetween(1, CreateCouponCampaignValidator.MaxBulkCount)
            .WithMessage($"count is 1 to {CreateCouponCampaignValidator.MaxBulkCount:N0}.");
        RuleFor(c => c.Prefix).Must(p => CouponCode.IsWellFormed(p!, CouponCode.MaxPrefixLength)).When(c => c.Prefix is not null)
            .WithMessage("prefix is 1 to 20 letters, digits, hyphens or underscores.");
    }
}

internal sealed class GenerateCouponCodesHandler(IApplicationDbContext db, ICouponCodeWriter writer, TimeProvider time)
    : ICommandHandler<GenerateCouponCodesCommand, GeneratedCodesDto>
{
    public async Task<Result<GeneratedCodesDto>> Handle(GenerateCouponCodesCommand r, CancellationToken cancellationToken)
    {
        var campaign = await db.CouponCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponReads.CampaignNotFound;
        }

        if (!campaign.Bulk)
        {
            return new Error("conflict", "This campaign has a single shared code; bulk codes belong to a bulk campaign.", ErrorKind.Conflict);
        }

        var codes = await writer.GenerateAsync(campaign.Id, r.Count!.Value, r.Prefix, time.GetUtcNow(), cancellationToken);
        return new GeneratedCodesDto(campaign.Id, codes.Count, codes);
    }
}

public sealed record GetCouponCampaignQuery(string CampaignId) : IQuery<CouponCampaignDto>;

internal sealed class GetCouponCampaignHandler(IApplicationDbContext db) : IQueryHandler<GetCouponCampaignQuery, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(GetCouponCampaignQuery r, CancellationToken cancellationToken) =>
        await db.CouponCampaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken) is { } campaign
            ? await CouponReads.WithReportAsync(db, campaign, cancellationToken)
            : CouponReads.CampaignNotFound;
}

public sealed record ListCouponCampaignsQuery(CampaignStatus? Status, int? Limit, string? Cursor) : IQuery<Page<CouponCampaignDto>>, IPagedQuery;

internal sealed class ListCouponCampaignsValidator : PagedQueryValidator<ListCouponCampaignsQuery>
{
    public ListCouponCampaignsValidator() => RuleFor(q => q.Status).IsInEnum();
}

internal sealed class ListCouponCampaignsHandler(IApplicationDbContext db) : IQueryHandler<ListCouponCampaignsQuery, Page<CouponCampaignDto>>
{
    public async Task<Result<Page<CouponCampaignDto>>> Handle(ListCouponCampaignsQuery r, CancellationToken cancellationToken)
    {
        var query = db.CouponCampaigns.AsNoTracking();
        query = r.Status switch
        {
            CampaignStatus.Active => query.Where(c => c.ExpiredAt == null),
            CampaignStatus.Expired => query.Where(c => c.ExpiredAt != null),
            _ => query,
        };

        // Redemptions are counted for the page in one query; the per-currency totals are on GET by id.
        var page = await query.PageByIdAsync(r.Limit, r.Cursor, c => c, cancellationToken);
        var ids = page.Items.Select(c => c.Id).ToList();
        var counts = await db.CouponRedemptions.AsNoTracking().Where(x => ids.Contains(x.CampaignId))
            .GroupBy(x => x.CampaignId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return new Page<CouponCampaignDto>(page.Items.Select(c => CouponCampaignDto.From(c, counts.GetValueOrDefault(c.Id), [])).ToList(), page.NextCursor);
    }
}

public sealed record UpdateCouponCampaignCommand(string CampaignId, string? Name, int? MaxRedemptions, DateTimeOffset? RedeemBy) : ICommand<CouponCampaignDto>;

internal sealed class UpdateCouponCampaignValidator : AbstractValidator<UpdateCouponCampaignCommand>
{
    public UpdateCouponCampaignValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.MaxRedemptions).GreaterThanOrEqualTo(1);
    }
}

internal sealed class UpdateCouponCampaignHandler(IApplicationDbContext db, IRowLocker locker) : ICommandHandler<UpdateCouponCampaignCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(UpdateCouponCampaignCommand r, CancellationToken cancellationToken)
    {
        await locker.LockAsync<CouponCampaign>(nameof(CouponCampaign.Id), r.CampaignId, cancellationToken);
        var campaign = await db.CouponCampaigns.FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponReads.CampaignNotFound;
        }

        var redeemed = campaign.Redemptions;
        if (r.MaxRedemptions is not null && campaign.MaxRedemptions is null)
        {
            // A first cap starts the counter from the rows. Hold new redemptions off while counting
            // (they wait for this commit, then see the cap in their check before committing).
            await locker.LockTableAgainstWritesAsync<CouponRedemption>(cancellationToken);
            redeemed = await db.CouponRedemptions.CountAsync(x => x.CampaignId == campaign.Id, cancellationToken);
        }

        var edited = campaign.Edit(r.Name, r.MaxRedemptions, r.RedeemBy, redeemed);
        return edited.IsSuccess ? await CouponReads.WithReportAsync(db, campaign, cancellationToken) : edited.Error;
    }
}

/// <summary>Expires (<see cref="Expire"/> true) or restores a campaign. Both are idempotent.</summary>
public sealed record SetCouponCampaignExpiryCommand(string CampaignId, bool Expire) : ICommand<CouponCampaignDto>;

internal sealed class SetCouponCampaignExpiryHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<SetCouponCampaignExpiryCommand, CouponCampaignDto>
{
    public async Task<Result<CouponCampaignDto>> Handle(SetCouponCampaignExpiryCommand r, CancellationToken cancellationToken)
    {
        var campaign = await db.CouponCampaigns.FirstOrDefaultAsync(c => c.Id == r.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return CouponReads.CampaignNotFound;
        }

        if (r.Expire)
        {
            campaign.Expire(time.GetUtcNow());
        }
        else
        {
            campaign.Restore();
        }

        return await CouponReads.WithReportAsync(db, campaign, cancellationToken);
    }
}

/// <summary>The campaign's codes, by code (bulk codes are random, so this order is as good as any and pages stably).</summary>
public sealed record ListCouponCodesQuery(string CampaignId, bool? Redeemed, int? Limit, string? Cursor) : IQuery<Page<CouponCodeDto>>, IPagedQuery;

internal sealed class ListCouponCodesValidator : PagedQueryValidator<ListCouponCodesQuery>;

internal sealed class ListCouponCodesHandler(IApplicationDbContext db) : IQueryHandler<ListCouponCodesQuery, Page<CouponCodeDto>>
{
    public async Task<Result<Page<CouponCodeDto>>> Handle(ListCouponCodesQuery r, CancellationToken cancellationToken)
    {
        if (!await db.CouponCampaigns.AsNoTracking().AnyAsync(c => c.Id == r.CampaignId, cancellationToken))
        {
            return CouponReads.CampaignNotFound;
        }

        var query = db.CouponCodes.AsNoTracking().Where(c => c.CampaignId == r.CampaignId);
        if (r.Redeemed is { } redeemed)
        {
            query = redeemed ? query.Where(c => c.RedeemedAt != null) : query.Where(c => c.RedeemedAt == null);
        }

        if (Cursor.TryDecode(r.Cursor, out var after))
        {
            query = query.Where(c => string.Compare(c.Key, after) > 0);
        }

        var take = r.Limit ?? Cursor.DefaultLimit;
        var rows = await query.OrderBy(c => c.Key).Take(take + 1).ToListAsync(cancellationToken);
        return Cursor.ToPage(rows, take, c => c.Key, CouponCodeDto.From);
    }
}

/// <summary>The coupons a customer redeemed (the seeds' "cart rules used"), newest first.</summary>
public sealed record ListCustomerCouponsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<CouponRedemptionDto>>, ICustomerScoped, IPagedQuery;

internal sealed class ListCustomerCouponsValidator : PagedQueryValidator<ListCustomerCouponsQuery>;

internal sealed class ListCustomerCouponsHandler(IApplicationDbContext db) : IQueryHandler<ListCustomerCouponsQuery, Page<CouponRedemptionDto>>
{
    public async Task<Result<Page<CouponRedemptionDto>>> Handle(ListCustomerCouponsQuery r, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == r.CustomerId, cancellationToken))
        {
            return Domain.Customers.CustomerErrors.NotFound;
        }

        return await db.CouponRedemptions.AsNoTracking().Where(c => c.CustomerId == r.CustomerId)
            .PageByIdAsync(r.Limit, r.Cursor, CouponRedemptionDto.From, cancellationToken);
    }
}
