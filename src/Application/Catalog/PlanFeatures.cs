using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog;

public sealed record CreatePlanCommand(
    string? Name,
    MoneyInput? Price,
    IReadOnlyList<MoneyInput?>? Prices,
    BillingInterval? Interval,
    int? IntervalCount,
    int? TrialDays,
    bool? CardlessTrial,
    BillingMode? Billing,
    int? BillingDay,
    MoneyInput? MinPrepayment,
    bool? Active,
    PlanCoverage? Coverage = null,
    IReadOnlyList<string?>? VideoIds = null) : ICommand<PlanDto>;

internal sealed class CreatePlanValidator : AbstractValidator<CreatePlanCommand>
{
    public CreatePlanValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name is required.").MaximumLength(200);
        RuleFor(c => c.Price).NotNull().WithMessage("The price is required.").SetValidator(new MoneyInputValidator()!);
        RuleForEach(c => c.Prices).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.Interval).NotNull().WithMessage("The interval is required: day, week, month or year.").IsInEnum();
        RuleFor(c => c.IntervalCount).InclusiveBetween(1, 120);
        RuleFor(c => c.TrialDays).InclusiveBetween(0, 365);
        RuleFor(c => c.Billing).IsInEnum();
        RuleFor(c => c.BillingDay).InclusiveBetween(1, 31).WithMessage("billingDay is 1–31 (clamped to the month's last day).");
        RuleFor(c => c.MinPrepayment!).SetValidator(new MoneyInputValidator()).When(c => c.MinPrepayment is not null);
        RuleFor(c => c.Coverage).IsInEnum();
        RuleFor(c => c.VideoIds).Must(v => v is null || v.Count <= PlanCoverageInput.MaxVideos).WithMessage($"A plan lists at most {PlanCoverageInput.MaxVideos} videos.");
        RuleForEach(c => c.VideoIds).ValidId();
    }
}

internal sealed class CreatePlanHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<CreatePlanCommand, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(CreatePlanCommand r, CancellationToken cancellationToken)
    {
        var prices = CatalogInput.Prices(r.Price!, r.Prices);
        if (!prices.IsSuccess)
        {
            return prices.Error;
        }

        var plan = Plan.Create(
            r.Name!, prices.Value, r.Interval!.Value, r.IntervalCount ?? 1, r.TrialDays ?? 0, r.CardlessTrial ?? false,
            r.Billing ?? BillingMode.Fixed, r.BillingDay ?? 1, r.MinPrepayment?.ToMoney(), r.Active ?? true, time.GetUtcNow());
        if (await PlanCoverageInput.ApplyAsync(db, plan, r.Coverage, r.VideoIds, cancellationToken) is { } refused)
        {
            return refused;
        }

        db.Plans.Add(plan);
        return PlanDto.From(plan);
    }
}

/// <summary>What a plan entitles to, as sent: the coverage and the listed video ids, which must exist (ADR 0028).</summary>
internal static class PlanCoverageInput
{
    public const int MaxVideos = 10_000;

    public static async Task<Error?> ApplyAsync(
        IApplicationDbContext db, Plan plan, PlanCoverage? coverage, IReadOnlyList<string?>? videoIds, CancellationToken ct)
    {
        if (coverage is null && videoIds is null)
        {
            return null;
        }

        var ids = videoIds?.Select(v => v!).Distinct(StringComparer.Ordinal).ToList() ?? plan.VideoIds.ToList();
        if (ids.Count > 0)
        {
            var known = await db.Videos.AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(ct);
            if (ids.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } unknown)
            {
                return Error.Validation("videoIds", $"There is no video '{unknown}'.");
            }
        }

        plan.SetCoverage(coverage ?? plan.Coverage, ids);
        return null;
    }
}

public sealed record UpdatePlanCommand(
    string PlanId, string? Name, MoneyInput? Price, IReadOnlyList<MoneyInput?>? Prices, int? TrialDays, bool? CardlessTrial,
    MoneyInput? MinPrepayment, bool? Active, PlanCoverage? Coverage = null, IReadOnlyList<string?>? VideoIds = null) : ICommand<PlanDto>;

internal sealed class UpdatePlanValidator : AbstractValidator<UpdatePlanCommand>
{
    public UpdatePlanValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.Price!).SetValidator(new MoneyInputValidator()).When(c => c.Price is not null);
        RuleFor(c => c.Prices).Null().When(c => c.Price is null).WithMessage("Send prices together with price.");
        RuleForEach(c => c.Prices).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.TrialDays).InclusiveBetween(0, 365);
        RuleFor(c => c.MinPrepayment!).SetValidator(new MoneyInputValidator()).When(c => c.MinPrepayment is not null);
        RuleFor(c => c.Coverage).IsInEnum();
        RuleFor(c => c.VideoIds).Must(v => v is null || v.Count <= PlanCoverageInput.MaxVideos).WithMessage($"A plan lists at most {PlanCoverageInput.MaxVideos} videos.");
        RuleForEach(c => c.VideoIds).ValidId();
    }
}

internal sealed class UpdatePlanHandler(IApplicationDbContext db) : ICommandHandler<UpdatePlanCommand, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(UpdatePlanCommand r, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == r.PlanId, cancellationToken);
        if (plan is null)
        {
            return CatalogInput.PlanNotFound;
        }

        PriceList? prices = null;
        if (r.Price is not null)
        {
            var created = CatalogInput.Prices(r.Price, r.Prices);
            if (!created.IsSuccess)
            {
                return created.Error;
            }

            prices = created.Value;
        }

        if (await PlanCoverageInput.ApplyAsync(db, plan, r.Coverage, r.VideoIds, cancellationToken) is { } refused)
        {
            return refused;
        }

        plan.Update(r.Name, prices, r.TrialDays, r.CardlessTrial, r.MinPrepayment?.ToMoney(), r.Active);
        return PlanDto.From(plan);
    }
}

public sealed record GetPlanQuery(string PlanId) : IQuery<PlanDto>;

internal sealed class GetPlanHandler(IApplicationDbContext db) : IQueryHandler<GetPlanQuery, PlanDto>
{
    public async Task<Result<PlanDto>> Handle(GetPlanQuery r, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == r.PlanId, cancellationToken) is { } plan
            ? PlanDto.From(plan)
            : CatalogInput.PlanNotFound;
}

/// <summary>Plans, newest first. Only staff see inactive ones.</summary>
public sealed record ListPlansQuery(bool? Active, int? Limit, string? Cursor) : IQuery<Page<PlanDto>>, IPagedQuery;

internal sealed class ListPlansValidator : PagedQueryValidator<ListPlansQuery>;

internal sealed class ListPlansHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<ListPlansQuery, Page<PlanDto>>
{
    public async Task<Result<Page<PlanDto>>> Handle(ListPlansQuery r, CancellationToken cancellationToken)
    {
        var query = db.Plans.AsNoTracking();
        var active = user.IsAdmin ? r.Active : true;
        if (active is { } a)
        {
            query = query.Where(p => p.Active == a);
        }

        return await query.PageByIdAsync(r.Limit, r.Cursor, PlanDto.From, cancellationToken);
    }
}
