using FluentValidation;

namespace CleanPrepay.Application.Reports.GetOverview;

internal sealed class GetOverviewValidator : AbstractValidator<GetOverviewQuery>
{
    /// <summary>A year of days at most: the overview is read in one pass over the period.</summary>
    public const int MaxDays = 366;

    public GetOverviewValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must be on or after 'from'.");
        RuleFor(q => q).Must(q => q.From is null || q.To is null || q.To.Value.DayNumber - q.From.Value.DayNumber < MaxDays)
            .OverridePropertyName("to").WithMessage($"The period is at most {MaxDays} days.");
    }
}
