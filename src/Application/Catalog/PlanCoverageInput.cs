using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Catalog;

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
