using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Packages;

/// <summary>
/// A refill package the customer buys (kinow-prepayment): pay <see cref="Price"/>, receive either
/// <see cref="GrantAmount"/> in the wallet's currency pocket or <see cref="GrantCredits"/> video credits.
/// </summary>
public sealed class PrepaymentPackage : AggregateRoot
{
    private PrepaymentPackage()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public Money Price { get; private set; }

    public Money? GrantAmount { get; private set; }

    public long? GrantCredits { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static Result<PrepaymentPackage> Create(
        string name, Money price, Money? grantAmount, long? grantCredits, bool active, DateTimeOffset now)
    {
        var grantError = CheckGrant(price, grantAmount, grantCredits);
        if (grantError is not null)
        {
            return grantError;
        }

        return new PrepaymentPackage
        {
            Id = Ids.New("pkg"),
            Name = name.Trim(),
            Price = price,
            GrantAmount = grantAmount,
            GrantCredits = grantCredits,
            Active = active,
            CreatedAt = now,
        };
    }

    public Result Update(string? name, Money? price, Money? grantAmount, long? grantCredits, bool? active)
    {
        var newPrice = price ?? Price;
        var (newAmount, newCredits) = grantAmount is not null || grantCredits is not null
            ? (grantAmount, grantCredits)
            : (GrantAmount, GrantCredits);
        var grantError = CheckGrant(newPrice, newAmount, newCredits);
        if (grantError is not null)
        {
            return grantError;
        }

        Name = name?.Trim() ?? Name;
        Price = newPrice;
        GrantAmount = newAmount;
        GrantCredits = newCredits;
        Active = active ?? Active;
        Touch();
        return Result.Success();
    }

    public void Delete(DateTimeOffset now)
    {
        DeletedAt = now;
        Active = false;
        Touch();
    }

    private static Error? CheckGrant(Money price, Money? grantAmount, long? grantCredits)
    {
        if (!price.IsPositive)
        {
            return Error.Validation("price.amount", "The price must be greater than zero.");
        }

        if ((grantAmount is null) == (grantCredits is null))
        {
            return Error.Validation("grants", "A package grants either an amount or credits, not both.");
        }

        if (grantAmount is { } amount && !amount.IsPositive)
        {
            return Error.Validation("grants.amount.amount", "The granted amount must be greater than zero.");
        }

        if (grantCredits is <= 0)
        {
            return Error.Validation("grants.credits", "Granted credits must be greater than zero.");
        }

        return null;
    }
}
