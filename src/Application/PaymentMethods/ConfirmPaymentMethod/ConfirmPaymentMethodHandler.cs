using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods.ConfirmPaymentMethod;

/// <summary>
/// Syncs a set-up that waited on the payer or the provider, outside any transaction, then records the
/// answer as saving does. A method already decided is answered as it is, with no provider call.
/// </summary>
internal sealed class ConfirmPaymentMethodHandler(IApplicationDbContext db, IPaymentGatewayRegistry gateways, SavedMethodSetups setups)
    : IPhasedCommandHandler<ConfirmPaymentMethodCommand, PaymentMethodDto>
{
    public async Task<Result<PaymentMethodDto>> Handle(ConfirmPaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var method = await db.SavedPaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.SavedMethodId && m.CustomerId == request.CustomerId, cancellationToken);
        if (method is null)
        {
            return SavedMethodErrors.NotFound;
        }

        if (method.Status is not (SavedMethodStatus.RequiresAction or SavedMethodStatus.Pending) || gateways.Find(method.Gateway) is not ISavedMethodGateway saver)
        {
            return PaymentMethodDto.From(method);
        }

        GatewaySetupOutcome outcome;
        try
        {
            outcome = await saver.SyncSetupAsync(new GatewaySetupLookup(method.Id, method.SetupReference, method.ProviderCustomerId, method.Kind), CancellationToken.None);
        }
        catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
        {
            return PaymentMethodDto.From(method); // no answer: still waiting, ask again later
        }

        return await setups.RecordAsync(method.Id, outcome);
    }
}
