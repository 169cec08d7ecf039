using System.Globalization;
using FluentValidation;

namespace CleanPrepay.Application.Customers;

internal static class CustomerRules
{
    private static readonly HashSet<string> Regions = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return null; } })
        .Where(r => r is { Length: 2 })
        .Select(r => r!)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(254).EmailAddress().WithMessage("A valid email address is required.");

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("The name must not be empty.")
            .MaximumLength(200).WithMessage("The name is at most 200 characters.");

    public static IRuleBuilderOptions<T, string?> ValidLanguage<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$").WithMessage("The language is a BCP 47 tag such as 'en' or 'fr-FR'.");

    public static IRuleBuilderOptions<T, string?> ValidCountry<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is { Length: 2 } && Regions.Contains(c)).WithMessage("The country is an ISO 3166-1 alpha-2 code such as 'SE'.");
}
