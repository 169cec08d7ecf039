using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Coupons;
using CleanPrepay.Domain.Customers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Coupons;

/// <summary>What the three ApplyCoupon commands check alike: the code and customer sent, and a target that is not theirs.</summary>
internal static class ApplyCouponRules
{
    public static IRuleBuilderOptions<T, string?> ValidCouponCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("The code is required.").MaximumLength(CouponCode.MaxLength + 16);

    public static IRuleBuilderOptions<T, string?> ValidCustomer<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("The customerId is required.").MaximumLength(64);

    /// <summary>A target that is missing or another customer's is not found; so is a customer that does not exist.</summary>
    public static async Task<Error> TargetNotFoundAsync(IApplicationDbContext db, string customerId, string target, CancellationToken ct) =>
        await db.Customers.AsNoTracking().AnyAsync(c => c.Id == customerId, ct)
            ? Error.NotFound(target)
            : CustomerErrors.NotFound;
}
