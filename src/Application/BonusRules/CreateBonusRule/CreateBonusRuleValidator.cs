using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.BonusRules.CreateBonusRule;

internal sealed class CreateBonusRuleValidator : AbstractValidator<CreateBonusRuleCommand>
{
    public CreateBonusRuleValidator()
    {
        RuleFor(c => c.Trigger).NotNull().WithMessage("The trigger is required: subscription_purchased.").IsInEnum();
        RuleFor(c => c).Must(c => (c.GrantCredits is null) != (c.GrantAmount is null)).OverridePropertyName("grantCredits")
            .WithMessage("A bonus grants either credits or an amount, exactly one of them.");
        RuleFor(c => c.GrantCredits).InclusiveBetween(1, 1_000_000);
        RuleFor(c => c.GrantAmount!).SetValidator(new MoneyInputValidator()).When(c => c.GrantAmount is not null);
        RuleFor(c => c.PlanId).ValidId().When(c => c.PlanId is not null);
    }
}
