using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Packages;

namespace CleanPrepay.Application.Packages;

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
