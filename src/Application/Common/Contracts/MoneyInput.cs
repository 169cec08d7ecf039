using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Common.Contracts;

/// <summary>Money as a client sent it; every part may be missing until validated.</summary>
public sealed record MoneyInput(long? Amount, string? Currency)
{
    /// <summary>Only call after <see cref="MoneyInputValidator"/> has passed.</summary>
    public Money ToMoney() => new(Amount!.Value, Domain.Monetary.Currency.From(Currency!));
}
