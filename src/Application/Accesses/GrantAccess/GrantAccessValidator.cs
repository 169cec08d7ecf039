using FluentValidation;

namespace CleanPrepay.Application.Accesses.GrantAccess;

internal sealed class GrantAccessValidator : AbstractValidator<GrantAccessCommand>
{
    public GrantAccessValidator()
    {
        RuleFor(c => c).Must(c => (c.VideoId is null) != (c.PlanId is null)).OverridePropertyName("videoId")
            .WithMessage("Grant either a videoId or a planId, exactly one of them.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("A reason is required for a manual access.").MaximumLength(500);
        RuleFor(c => c.ExpiresAt).Must((c, e) => e is null || e > (c.StartsAt ?? DateTimeOffset.MinValue))
            .WithMessage("expiresAt must be after startsAt.");
    }
}
