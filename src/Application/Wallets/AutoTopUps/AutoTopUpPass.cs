using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>
/// Finds pockets below their threshold and starts one top-up each (ADR 0039): under the auto top-up's row
/// lock the pocket is read again and the claim made with the top-up and its off-session payment, in one unit
/// of work; the gateway is called after the commit, through the charge pipeline. However many instances
/// race, one claim wins and the others find it in flight.
/// </summary>
internal sealed class AutoTopUpPass(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, ChargePipeline pipeline, SavedMethodChoice savedMethods,
    IOptions<AutoTopUpOptions> options, TimeProvider time, ILogger<AutoTopUpPass> logger) : IAutoTopUps
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var month = AutoTopUp.MonthOf(now);
        var due = await db.AutoTopUps.AsNoTracking()
            .Where(a => a.Enabled && a.InFlightTopUpId == null && (a.NextAttemptAt == null || a.NextAttemptAt <= now))
            // A pocket at its monthly cap is not due: left in, capped pockets would fill every batch until the month ends.
            .Where(a => a.Month != month || a.StartedInMonth < a.MaxPerMonth)
            .Where(a => !db.WalletPockets.Any(p => p.Currency == a.Currency && p.Balance >= a.ThresholdAmount
                && db.Wallets.Any(w => w.Id == p.WalletId && w.CustomerId == a.CustomerId)))
            .OrderBy(a => a.UpdatedAt)
            .Select(a => a.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var started = 0;
        foreach (var id in due)
        {
            var claimed = await unitOfWork.ExecuteAsync(ct => ClaimAsync(id, ct), cancellationToken);
            if (claimed is { IsSuccess: true, Value: { } payment })
            {
                started++;
                await pipeline.ChargeAsync(new GatewayCharge(payment, null, $"Automatic wallet top-up {payment.PurposeId}"));
            }
        }

        return started;
    }

    private async Task<Result<Payment?>> ClaimAsync(string id, CancellationToken ct)
    {
        await locker.LockAsync<AutoTopUp>(nameof(AutoTopUp.Id), id, ct);
        var auto = await db.AutoTopUps.FirstAsync(a => a.Id == id, ct);
        var wallet = await db.Wallets.AsNoTracking().Where(w => w.CustomerId == auto.CustomerId).Select(w => w.Id).FirstAsync(ct);
        var balance = await db.WalletPockets.AsNoTracking().Where(p => p.WalletId == wallet && p.Currency == auto.Currency).Select(p => (long?)p.Balance).FirstOrDefaultAsync(ct) ?? 0;
        var now = time.GetUtcNow();
        if (!auto.IsDue(balance, now))
        {
            return Result<Payment?>.Success(null); // another instance claimed it, a credit lifted the pocket, or the month's cap is reached
        }

        var price = Domain.Monetary.Money.Of(auto.Amount ?? 0, auto.Currency);
        var grant = price;
        if (auto.PackageId is { } packageId)
        {
            if (await db.FindLiveAsync(packageId, tracked: false, ct) is not { Active: true, GrantAmount: { } granted } package || granted.Currency.Code != auto.Currency)
            {
                logger.LogWarning("Auto top-up {AutoTopUpId}: its package {PackageId} is no longer on sale in {Currency}; counted as a failure", auto.Id, packageId, auto.Currency);
                auto.CouldNotStart(options.Value.RetryAfterFailure, now);
                return Result<Payment?>.Success(null);
            }

            (price, grant) = (package.Price, granted);
        }

        var gateway = await savedMethods.GatewayOfAsync(auto.CustomerId, auto.SavedMethodId, ct);
        if (!gateway.IsSuccess)
        {
            logger.LogWarning("Auto top-up {AutoTopUpId}: its saved method can no longer be charged; counted as a failure", auto.Id);
            auto.CouldNotStart(options.Value.RetryAfterFailure, now);
            return Result<Payment?>.Success(null);
        }

        var topUp = TopUp.Automatic(auto.Id, auto.CustomerId, wallet, auto.PackageId, price, grant, now);
        var payment = pipeline.Open(
            new ChargeRequest(auto.CustomerId, gateway.Value, price, PaymentPurpose.AutoTopUp, topUp.Id) { SavedMethodId = auto.SavedMethodId, OffSession = true }, now);
        topUp.AttachPayment(payment.Id);
        db.TopUps.Add(topUp);
        auto.Start(topUp.Id, balance, now);
        return payment;
    }
}
