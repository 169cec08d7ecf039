using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Wallets.GetTopUp;

internal sealed class GetTopUpHandler(IApplicationDbContext db) : IQueryHandler<GetTopUpQuery, TopUpDto>
{
    public async Task<Result<TopUpDto>> Handle(GetTopUpQuery request, CancellationToken cancellationToken)
    {
        var topUp = await db.TopUps.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Id == request.TopUpId && t.CustomerId == request.CustomerId, cancellationToken);
        if (topUp is null)
        {
            return Error.NotFound("The top-up");
        }

        var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == topUp.PaymentId, cancellationToken);
        return TopUpWalletHandler.ToDto(topUp, payment);
    }
}
