using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Packages;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Packages;

/// <summary>What a package or top-up puts in the wallet: an amount or credits.</summary>
public sealed record GrantDto(MoneyDto? Amount, long? Credits);

public sealed record PackageDto(string Id, string Name, MoneyDto Price, GrantDto Grants, bool Active, DateTimeOffset CreatedAt)
{
    public static PackageDto From(PrepaymentPackage p) => new(
        p.Id,
        p.Name,
        MoneyDto.From(p.Price),
        new GrantDto(p.GrantAmount is { } a ? MoneyDto.From(a) : null, p.GrantCredits),
        p.Active,
        p.CreatedAt);
}

public sealed record GrantInput(MoneyInput? Amount, long? Credits);

internal sealed class GrantInputValidator : AbstractValidator<GrantInput>
{
    public GrantInputValidator()
    {
        RuleFor(g => g).Must(g => (g.Amount is null) != (g.Credits is null))
            .WithName("grants").OverridePropertyName("grants")
            .WithMessage("A package grants either an amount or credits, exactly one of them.");
        RuleFor(g => g.Amount!).SetValidator(new MoneyInputValidator()).When(g => g.Amount is not null);
        RuleFor(g => g.Credits).InclusiveBetween(1, 1_000_000_000).WithMessage("Credits must be between 1 and 10^9.");
    }
}

internal static class PackageQueries
{
    /// <summary>Deleted packages are gone for every caller.</summary>
    public static Task<PrepaymentPackage?> FindLiveAsync(this IApplicationDbContext db, string id, bool tracked, CancellationToken ct) =>
        (tracked ? db.PrepaymentPackages : db.PrepaymentPackages.AsNoTracking())
            .FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, ct);

    public static readonly Error NotFound = Error.NotFound("The prepayment package");
}
