using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Wallets.AdjustWallet;

internal sealed class AdjustWalletHandler(IApplicationDbContext db, IWalletStore wallets, SettingsCache settingsCache, ICurrentUser user, TimeProvider time)
    : ICommandHandler<AdjustWalletCommand, WalletTransactionDto>
{
    public async Task<Result<WalletTransactionDto>> Handle(AdjustWalletCommand request, CancellationToken cancellationToken)
    {
        var settings = await settingsCache.GetAsync(db, cancellationToken);
        if (request.Amount is { } amountInput && !CurrencyMessages.IsKnownAndAccepted(settings, amountInput.Currency))
        {
            return Error.Validation("amount.currency", CurrencyMessages.NotAccepted(amountInput.Currency!));
        }

        var wallet = await wallets.LoadForUpdateAsync(request.CustomerId, cancellationToken);
        if (wallet is null)
        {
            return CustomerErrors.NotFound;
        }

        var now = time.GetUtcNow();
        var credit = request.Direction == AdjustmentDirection.Credit;
        Result<LedgerEntry> entry;
        if (request.Amount is { } input)
        {
            var amount = input.ToMoney();
            entry = credit
                ? wallet.Credit(amount, LedgerEntryKind.ManualCredit, null, request.Reason, user.Actor, now)
                : wallet.Debit(amount, settings.NegativeLimitFor(amount.Currency), LedgerEntryKind.ManualDebit, null, request.Reason, user.Actor, now);
        }
        else
        {
            entry = credit
                ? wallet.CreditCredits(request.Credits!.Value, LedgerEntryKind.ManualCredit, null, request.Reason, user.Actor, now)
                : wallet.DebitCredits(request.Credits!.Value, settings.NegativeCreditsLimit, LedgerEntryKind.ManualDebit, null, request.Reason, user.Actor, now);
        }

        return entry.IsSuccess ? WalletTransactionDto.From(entry.Value) : entry.Error;
    }
}
