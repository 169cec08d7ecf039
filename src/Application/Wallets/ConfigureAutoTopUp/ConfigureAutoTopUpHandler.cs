using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.TopUps;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.ConfigureAutoTopUp;

/// <summary>Under the customer's row lock, so racing PUTs leave one auto top-up per pocket, the last one's terms.</summary>
internal sealed class ConfigureAutoTopUpHandler(
    IApplicationDbContext db, IRowLocker locker, SavedMethodChoice savedMethods, SettingsCache settingsCache, TimeProvider time)
    : ICommandHandler<ConfigureAutoTopUpCommand, AutoTopUpDto>
{
    /// <summary>The default monthly cap (docs/reference/contract.md).</summary>
    public const int DefaultMaxPerMonth = 5;

    public async Task<Result<AutoTopUpDto>> Handle(ConfigureAutoTopUpCommand request, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == request.CustomerId, ct))
        {
            return CustomerErrors.NotFound;
        }

        var threshold = request.Threshold!.ToMoney();
        var settings = await settingsCache.GetAsync(db, ct);
        if (!settings.Accepts(threshold.Currency))
        {
            return Error.Validation("threshold.currency", CurrencyMessages.NotAccepted(threshold.Currency.Code));
        }

        if (request.PackageId is { } packageId
            && (await db.FindLiveAsync(packageId, tracked: false, ct) is not { Active: true, GrantAmount: { } grant } || grant.Currency != threshold.Currency))
        {
            return Error.Validation("packageId", $"The package must be on sale and grant an amount in {threshold.Currency.Code}, the pocket it tops up.");
        }

        var usable = await savedMethods.GatewayOfAsync(request.CustomerId, request.SavedMethodId!, ct);
        if (!usable.IsSuccess)
        {
            return usable.Error;
        }

        await locker.LockAsync<Customer>(nameof(Customer.Id), request.CustomerId, ct);
        var now = time.GetUtcNow();
        var auto = await db.AutoTopUps.FirstOrDefaultAsync(a => a.CustomerId == request.CustomerId && a.Currency == threshold.Currency.Code, ct);
        if (auto is null)
        {
            auto = AutoTopUp.Create(request.CustomerId, threshold.Currency.Code, now);
            db.AutoTopUps.Add(auto);
        }

        auto.Configure(
            request.Enabled ?? true, threshold, request.PackageId, request.Amount?.Amount, request.SavedMethodId!, request.MaxPerMonth ?? DefaultMaxPerMonth, now);
        return AutoTopUpDto.From(auto, now);
    }
}
