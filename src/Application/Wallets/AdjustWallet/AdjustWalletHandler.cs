using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Wallets;

namespace CleanPrepay.Application.Wallets.AdjustWallet;

internal sealed class AdjustWalletHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IWalletStore wallets, IWalletMoveStatement statement, SettingsCache settingsCache,
    ICurrentUser user, TimeProvider time)
    : IPhasedCommandHandler<AdjustWalletCommand, WalletTransactionDto>
{
    public async Task<Result<WalletTransactionDto>> Handle(AdjustWalletCommand request, CancellationToken cancellationToken)
    {
        var settings = await settingsCache.GetAsync(db, cancellationToken);
        if (request.Amount is { } amountInput && !CurrencyMessages.IsKnownAndAccepted(settings, amountInput.Currency))
        {
            return Error.Validation("amount.currency", CurrencyMessages.NotAccepted(amountInput.Currency!));
        }

        var move = MoveFor(request, settings, time.GetUtcNow());
        if (!move.IsSuccess)
        {
            return move.Error!;
        }

        // The common case commits in one statement; a missing wallet or pocket, or a refusal, gets its exact answer from the aggregate.
        if (await statement.TryCommitAsync(request.CustomerId, move.Value, cancellationToken) is { } committed)
        {
            return WalletTransactionDto.From(committed);
        }

        return await unitOfWork.ExecuteAsync(
            async ct =>
            {
                var wallet = await wallets.LoadForUpdateAsync(request.CustomerId, ct);
                if (wallet is null)
                {
                    return CustomerErrors.NotFound;
                }

                var entry = wallet.Apply(move.Value);
                return entry.IsSuccess ? WalletTransactionDto.From(entry.Value) : Result<WalletTransactionDto>.Failure(entry.Error!);
            },
            Result<WalletTransactionDto>.Failure,
            cancellationToken);
    }

    private Result<WalletMove> MoveFor(AdjustWalletCommand request, Domain.Settings.MerchantSettings settings, DateTimeOffset now)
    {
        var credit = request.Direction == AdjustmentDirection.Credit;
        if (request.Amount is { } input)
        {
            var amount = input.ToMoney();
            return credit
                ? WalletMove.Credit(amount, LedgerEntryKind.ManualCredit, null, request.Reason, user.Actor, now)
                : WalletMove.Debit(amount, settings.NegativeLimitFor(amount.Currency), LedgerEntryKind.ManualDebit, null, request.Reason, user.Actor, now);
        }

        return credit
            ? WalletMove.CreditCredits(request.Credits!.Value, LedgerEntryKind.ManualCredit, null, request.Reason, user.Actor, now)
            : WalletMove.DebitCredits(request.Credits!.Value, settings.NegativeCreditsLimit, LedgerEntryKind.ManualDebit, null, request.Reason, user.Actor, now);
    }
}
