using CleanPrepay.Domain.Common;
using FluentValidation;
using MediatR;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>Runs every validator of the request; any failure answers <c>validation_failed</c> with per-field messages.</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        var fields = failures
            .GroupBy(f => ToCamelPath(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        var error = new Error("validation_failed", "One or more fields are invalid.", ErrorKind.Validation) { Fields = fields };
        return ResultFailure<TResponse>.Create(error);
    }

    /// <summary><c>Payment.PaymentMethod</c> → <c>payment.paymentMethod</c>, matching the JSON the client sent.</summary>
    private static string ToCamelPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
