using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.TopUps;

namespace CleanPrepay.Application.Wallets.DeleteAutoTopUp;

/// <summary>Under the auto top-up's row lock, so a claim racing the delete either started before it or finds nothing.</summary>
internal sealed class DeleteAutoTopUpHandler(IApplicationDbContext db, IRowLocker locker) : ICommandHandler<DeleteAutoTopUpCommand, bool>
{
    public async Task<Result<bool>> Handle(DeleteAutoTopUpCommand request, CancellationToken ct)
    {
        var found = await AutoTopUpReads.FindAsync(db.AutoTopUps, request.CustomerId, request.Currency, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        await locker.LockAsync<AutoTopUp>(nameof(AutoTopUp.Id), found.Value.Id, ct);
        db.AutoTopUps.Remove(found.Value);
        return true;
    }
}
