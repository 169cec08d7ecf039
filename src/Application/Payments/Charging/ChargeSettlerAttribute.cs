using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments.Charging;

/// <summary>
/// The purpose an <see cref="IChargeSettler"/> settles: its key in DI, and what the architecture test
/// reads to prove that every purpose has exactly one settler.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ChargeSettlerAttribute(PaymentPurpose purpose) : Attribute
{
    public PaymentPurpose Purpose { get; } = purpose;
}
