using FluentValidation;

namespace CleanPrepay.Application.Views.RecordView;

internal sealed class RecordViewValidator : AbstractValidator<RecordViewCommand>
{
    /// <summary>One report covers at most a day of watching.</summary>
    public const int MaxSeconds = 86_400;

    public RecordViewValidator()
    {
        RuleFor(c => c.VideoId)
            .NotEmpty().WithMessage("The videoId is required.")
            .MaximumLength(64).WithMessage("The videoId is not valid.");
        RuleFor(c => c.Seconds)
            .NotNull().WithMessage("The seconds watched are required.")
            .InclusiveBetween(1, MaxSeconds).WithMessage($"The seconds watched must be between 1 and {MaxSeconds}.");
    }
}
