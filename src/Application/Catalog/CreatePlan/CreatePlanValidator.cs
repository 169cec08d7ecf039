using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Catalog.CreatePlan;

internal sealed class CreatePlanValidator : AbstractValidator<CreatePlanCommand>
{
    public CreatePlanValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name is required.").MaximumLength(200);
        RuleFor(c => c.Price).NotNull().WithMessage("The price is required.").SetValidator(new MoneyInputValidator()!);
        RuleForEach(c => c.Prices).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.Interval).NotNull().WithMessage("The interval is required: day, week, month or year.").IsInEnum();
        RuleFor(c => c.IntervalCount).InclusiveBetween(1, 120);
        RuleFor(c => c.TrialDays).InclusiveBetween(0, 365);
        RuleFor(c => c.Billing).IsInEnum();
        RuleFor(c => c.BillingDay).InclusiveBetween(1, 31).WithMessage("billingDay is 1–31 (clamped to the month's last day).");
        RuleFor(c => c.MinPrepayment!).SetValidator(new MoneyInputValidator()).When(c => c.MinPrepayment is not null);
        RuleFor(c => c.Coverage).IsInEnum();
        RuleFor(c => c.VideoIds).Must(v => v is null || v.Count <= PlanCoverageInput.MaxVideos).WithMessage($"A plan lists at most {PlanCoverageInput.MaxVideos} videos.");
        RuleForEach(c => c.VideoIds).ValidId();
    }
}
