using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.PaymentMethods;

/// <summary>The call and record steps of a set-up, shared by saving and by keeping the method a paid payment left on file.</summary>
internal sealed class SavedMethodSetups(IApplicationDbContext db, IUnitOfWork unitOfWork, IRowLocker locker, TimeProvider time, ILogger<SavedMethodSetups> logger)
{
    /// <summary>Asks the provider; a refusal is a failed set-up, no answer leaves it pending (never an exception).</summary>
    public async Task<GatewaySetupOutcome> SetUpAsync(ISavedMethodGateway saver, GatewaySetupRequest request, string gateway)
    {
        try
        {
            return await saver.SetupAsync(request, CancellationToken.None);
        }
        catch (GatewayException ex) when (ex.Kind is GatewayErrorKind.InvalidRequest or GatewayErrorKind.Authentication or GatewayErrorKind.NotFound)
        {
            logger.LogWarning("Gateway {Gateway} refused to set up method {SavedMethodId}: {Kind} {ProviderCode}", gateway, request.SavedMethodId, ex.Kind, ex.ProviderCode);
            return new GatewaySetupOutcome(
                SavedMethodStatus.Failed, null, null, FailureCode: GatewayFailureCodes.GatewayRejected, FailureMessage: "The payment provider refused to save this method.");
        }
        catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
        {
            logger.LogWarning("Gateway {Gateway} gave no answer setting up method {SavedMethodId} ({Exception})", gateway, request.SavedMethodId, ex.GetType().Name);
            return new GatewaySetupOutcome(SavedMethodStatus.Pending, null, null);
        }
    }

    /// <summary>Records the answer under the customer's row lock, which also serialises who is the default.</summary>
    public Task<Result<PaymentMethodDto>> RecordAsync(string savedMethodId, GatewaySetupOutcome outcome) =>
        unitOfWork.ExecuteAsync(
            async ct =>
            {
                var customerId = await db.SavedPaymentMethods.AsNoTracking().Where(m => m.Id == savedMethodId).Select(m => m.CustomerId).FirstAsync(ct);
                await locker.LockAsync<Customer>(nameof(Customer.Id), customerId, ct);
                var method = await db.SavedPaymentMethods.FirstAsync(m => m.Id == savedMethodId, ct);
                await ApplyAsync(method, outcome, ct);
                return Result<PaymentMethodDto>.Success(PaymentMethodDto.From(method));
            },
            CancellationToken.None);

    /// <summary>Applies an answer to a method the caller holds under its customer's lock; the first usable method becomes the default.</summary>
    public async Task ApplyAsync(SavedPaymentMethod method, GatewaySetupOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        method.ApplySetup(
            outcome.Status, outcome.ProviderMethodId, outcome.SetupReference, outcome.Display, outcome.NextActionType, outcome.NextActionUrl, outcome.FailureCode,
            outcome.FailureMessage, now);
        if (method.IsUsable && !await db.SavedPaymentMethods.AnyAsync(m => m.CustomerId == method.CustomerId && m.IsDefault && m.Id != method.Id, ct))
        {
            method.MakeDefault(now);
        }
    }
}
