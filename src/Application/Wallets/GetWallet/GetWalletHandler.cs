using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Settings;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.GetWallet;

internal sealed class GetWalletHandler(IApplicationDbContext db, SettingsCache settingsCache) : IQueryHandler<GetWalletQuery, WalletDto>
{
    public async Task<Result<WalletDto>> Handle(GetWalletQuery request, CancellationToken cancellationToken)
    {
        var wallet = await db.Wallets.AsNoTracking()
            .Where(w => w.CustomerId == request.CustomerId)
            .Select(w => new { w.Id, w.CustomerId, w.Credits, Pockets = w.Pockets.Select(p => new { p.Currency, p.Balance }).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (wallet is null)
        {
            return CustomerErrors.NotFound;
        }

        var balances = wallet.Pockets.OrderBy(p => p.Currency, StringComparer.Ordinal).Select(p => new MoneyDto(p.Balance, p.Currency)).ToList();
        var settings = await settingsCache.GetAsync(db, cancellationToken);
        var overdrawn = wallet.Credits < -settings.NegativeCreditsLimit
            || wallet.Pockets.Any(p => Domain.Monetary.Currency.TryFrom(p.Currency, out var currency) && p.Balance < -settings.NegativeLimitFor(currency.Value).MinorUnits);
        return new WalletDto(wallet.Id, wallet.CustomerId, balances, wallet.Credits, overdrawn);
    }
}
