using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Settings;

namespace CleanPrepay.Application.Settings.UpdateSettings;

internal sealed class UpdateSettingsHandler(IApplicationDbContext db, SettingsCache cache, TimeProvider time)
    : ICommandHandler<UpdateSettingsCommand, SettingsDto>
{
    public async Task<Result<SettingsDto>> Handle(UpdateSettingsCommand request, CancellationToken cancellationToken)
    {
        var settings = await SettingsStore.LoadAsync(db, time, tracked: true, cancellationToken);
        settings.Update(
            request.PrepaymentEnabled ?? settings.PrepaymentEnabled,
            request.NegativeBalanceLimits?.Select(l => l!.ToMoney()).ToList() ?? settings.NegativeBalanceLimits,
            request.NegativeCreditsLimit ?? settings.NegativeCreditsLimit,
            request.DefaultMinPrepaymentPercent ?? settings.DefaultMinPrepaymentPercent,
            request.Currencies?.Select(c => c!).ToList() ?? settings.Currencies,
            time.GetUtcNow());
        if (request.TaxRates is not null)
        {
            settings.SetTaxRates(request.TaxRates.Select(t => new TaxRate(t!.Country!, t.RateBps!.Value)).ToList(), time.GetUtcNow());
        }

        if (request.TrialPolicy is { } policy && policy != settings.TrialPolicy)
        {
            settings.SetTrialPolicy(policy, time.GetUtcNow());
        }

        cache.Invalidate();
        return SettingsDto.From(settings);
    }
}
