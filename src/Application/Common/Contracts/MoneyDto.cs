using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>Money on the wire: integer minor units and an ISO 4217 code.</summary>
public sealed record MoneyDto(long Amount, string Currency)
{
    public static MoneyDto From(Money money) => new(money.MinorUnits, money.Currency.Code);
}
