using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Catalog.UpdatePlan;

internal sealed class UpdatePlanValidator : AbstractValidator<UpdatePlanCommand>
{
    public UpdatePlanValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.Price!).SetValidator(new MoneyInputValidator()).When(c => c.Price is not null);
        RuleFor(c => c.Prices).Null().When(c => c.Price is null).WithMessage("Send prices together with price.");
        RuleForEach(c => c.Prices).NotNull().SetValidator(new MoneyInputValidator()!);
        RuleFor(c => c.TrialDays).InclusiveBetween(0, 365);
        RuleFor(c => c.MinPrepayment!).SetValidator(new MoneyInputValidator()).When(c => c.MinPrepayment is not null);
        RuleFor(c => c.Coverage).IsInEnum();
        RuleFor(c => c.VideoIds).Must(v => v is null || v.Count <= PlanCoverageInput.MaxVideos).WithMessage($"A plan lists at most {PlanCoverageInput.MaxVideos} videos.");
        RuleForEach(c => c.VideoIds).ValidId();
    }
}
