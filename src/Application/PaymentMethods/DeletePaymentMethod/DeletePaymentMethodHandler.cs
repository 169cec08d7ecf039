using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.PaymentMethods.DeletePaymentMethod;

/// <summary>
/// Revoked on our side first (committed, so no renewal can pick it up any more), then at the provider
/// outside the transaction. A provider that does not answer leaves a method we never charge; the
/// warning names it so staff can detach it there.
/// </summary>
internal sealed class DeletePaymentMethodHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, IPaymentGatewayRegistry gateways, TimeProvider time,
    ILogger<DeletePaymentMethodHandler> logger)
    : IPhasedCommandHandler<DeletePaymentMethodCommand, PaymentMethodDto>
{
    public async Task<Result<PaymentMethodDto>> Handle(DeletePaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var revoked = await unitOfWork.ExecuteAsync(
            async ct =>
            {
                await locker.LockAsync<Customer>(nameof(Customer.Id), request.CustomerId, ct);
                var method = await db.SavedPaymentMethods.FirstOrDefaultAsync(m => m.Id == request.SavedMethodId && m.CustomerId == request.CustomerId, ct);
                if (method is null)
                {
                    return Result<(SavedPaymentMethod, bool)>.Failure(SavedMethodErrors.NotFound);
                }

                return Result<(SavedPaymentMethod, bool)>.Success((method, method.Revoke(time.GetUtcNow())));
            },
            cancellationToken);
        if (!revoked.IsSuccess)
        {
            return revoked.Error;
        }

        var (method, changed) = revoked.Value;
        if (changed && method.ProviderMethodId is { } providerMethod && gateways.Find(method.Gateway) is ISavedMethodGateway saver)
        {
            try
            {
                await saver.RevokeAsync(new GatewaySavedMethod(method.ProviderCustomerId, providerMethod, method.Kind), CancellationToken.None);
            }
            catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
            {
                logger.LogWarning("Saved method {SavedMethodId} is revoked here, but {Gateway} did not confirm its revocation ({Exception})", method.Id, method.Gateway, ex.GetType().Name);
            }
        }

        return PaymentMethodDto.From(method);
    }
}
