using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Wallets.AutoTopUps;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.TopUps;

namespace CleanPrepay.Application.Wallets.DeleteAutoTopUp;

/// <summary>
/// Under the customer's lock, as configuring is, and the auto top-up's row lock, so a claim racing the delete either
/// started before it or finds it off. The row is kept (<see cref="AutoTopUp.Remove"/>): a re-create finds its top-up in flight.
/// </summary>
internal sealed class DeleteAutoTopUpHandler(IApplicationDbContext db, IRowLocker locker, TimeProvider time) : ICommandHandler<DeleteAutoTopUpCommand, bool>
{
    public async Task<Result<bool>> Handle(DeleteAutoTopUpCommand request, CancellationToken ct)
    {
        await locker.LockAsync<Customer>(nameof(Customer.Id), request.CustomerId, ct);
        var found = await AutoTopUpReads.FindAsync(db.AutoTopUps, request.CustomerId, request.Currency, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        await locker.LockAsync<AutoTopUp>(nameof(AutoTopUp.Id), found.Value.Id, ct);
        found.Value.Remove(time.GetUtcNow());
        return true;
    }
}
