using CleanPrepay.Application.Common.Contracts;
using FluentValidation;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPlan;

internal sealed class ChangeSubscriptionPlanValidator : AbstractValidator<ChangeSubscriptionPlanCommand>
{
    public ChangeSubscriptionPlanValidator()
    {
        RuleFor(c => c.SubscriptionId).ValidId();
        RuleFor(c => c.PlanId).ValidId().WithMessage("The planId is required.");
    }
}
