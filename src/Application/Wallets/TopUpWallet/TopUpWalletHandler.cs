using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Packages;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Wallets.TopUpWallet;

/// <summary>
/// Records the top-up and opens its payment in one unit of work, then hands the charge to the pipeline
/// (ADR 0032): the gateway is asked outside any transaction (idempotency key = payment id) and
/// <see cref="TopUpSettler"/> credits the wallet only if the payment succeeded.
/// </summary>
internal sealed class TopUpWalletHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, ChargePipeline pipeline, GatewayChoice gatewayChoice, SettingsCache settingsCache,
    SavedMethodChoice savedMethods, TimeProvider time)
    : IPhasedCommandHandler<TopUpWalletCommand, TopUpDto>
{
    public async Task<Result<TopUpDto>> Handle(TopUpWalletCommand request, CancellationToken cancellationToken)
    {
        var resolved = await savedMethods.ResolveAsync(request.Payment, request.CustomerId, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        request = request with { Payment = resolved.Value };
        var started = await unitOfWork.ExecuteAsync(ct => StartAsync(request, ct), cancellationToken);
        if (!started.IsSuccess)
        {
            return started.Error;
        }

        // From here on the gateway may take money: finish recording the outcome even if the client goes away.
        var (topUpId, payment) = started.Value;
        var applied = await pipeline.ChargeAsync(new GatewayCharge(payment, request.Payment!.PaymentMethod, $"Wallet top-up {topUpId}", request.Payment.ReturnUrl));
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var topUp = await db.TopUps.AsNoTracking().FirstAsync(t => t.Id == topUpId, CancellationToken.None);
        return ToDto(topUp, applied.Value);
    }

    private async Task<Result<(string TopUpId, Payment Payment)>> StartAsync(
        TopUpWalletCommand request, CancellationToken ct)
    {
        var settings = await settingsCache.GetAsync(db, ct);
        var walletId = await db.Wallets.Where(w => w.CustomerId == request.CustomerId).Select(w => w.Id).FirstOrDefaultAsync(ct);
        if (walletId is null)
        {
            return CustomerErrors.NotFound;
        }

        Money price;
        Money? grantAmount;
        long? grantCredits;
        if (request.PackageId is { } packageId)
        {
            var package = await db.FindLiveAsync(packageId, tracked: false, ct);
            if (package is null)
            {
                return PackageQueries.NotFound;
            }

            if (!package.Active)
            {
                return new Error("package_inactive", "This prepayment package is not on sale.", ErrorKind.Unprocessable);
            }

            (price, grantAmount, grantCredits) = (package.Price, package.GrantAmount, package.GrantCredits);
        }
        else
        {
            price = request.Amount!.ToMoney();
            (grantAmount, grantCredits) = (price, null);
        }

        if (!settings.Accepts(price.Currency))
        {
            return Error.Validation(request.PackageId is null ? "amount.currency" : "packageId", CurrencyMessages.NotAccepted(price.Currency.Code));
        }

        // Refused before the provider is charged: money taken that the pocket cannot hold would be stuck.
        var balance = await db.WalletPockets.Where(p => p.WalletId == walletId && p.Currency == price.Currency.Code).Select(p => (long?)p.Balance).FirstOrDefaultAsync(ct) ?? 0;
        if (grantAmount is { } grant && balance > Money.MaxAbsoluteMinorUnits - grant.MinorUnits)
        {
            return WalletErrors.BalanceOutOfRange(grant.Currency.Code);
        }

        var gateway = await gatewayChoice.ChooseAsync(request.Payment!.Gateway, price.Currency.Code, request.CustomerId, request.Payment.PaymentMethod, ct);
        if (!gateway.IsSuccess)
        {
            return gateway.Error;
        }

        var now = time.GetUtcNow();
        var topUp = TopUp.Start(request.CustomerId, walletId, request.PackageId, price, grantAmount, grantCredits, now);
        var payment = pipeline.Open(
            new ChargeRequest(request.CustomerId, gateway.Value, price, PaymentPurpose.TopUp, topUp.Id)
            {
                SavedMethodId = request.Payment.SavedMethodId,
                SaveMethod = request.Payment.SavedMethodId is null && request.Payment.Save == true,
            },
            now);
        topUp.AttachPayment(payment.Id);
        db.TopUps.Add(topUp);
        return (topUp.Id, payment);
    }

    internal static TopUpDto ToDto(TopUp topUp, Payment payment)
    {
        var succeeded = topUp.Status == PaymentStatus.Succeeded;
        var credited = new GrantDto(
            succeeded && topUp.GrantAmount is { } amount ? MoneyDto.From(amount) : null,
            succeeded ? topUp.GrantCredits : null);
        return new TopUpDto(
            topUp.Id,
            topUp.Status,
            topUp.PackageId,
            MoneyDto.From(topUp.Price),
            credited,
            new TopUpPaymentDto(
                payment.Id,
                payment.Status,
                payment.NextActionType is { } type ? new NextActionDto(type, payment.NextActionUrl) : null,
                payment.FailureCode),
            topUp.CreatedAt);
    }
}
