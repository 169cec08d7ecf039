using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods.SavePaymentMethod;

/// <summary>
/// Records the method as pending, asks the provider to set it up outside any transaction (the provider
/// customer first, created once), then records its answer. A crash between the steps leaves a pending
/// method, never one we could charge without the provider's consent (ADR 0038).
/// </summary>
internal sealed class SavePaymentMethodHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IPaymentGatewayRegistry gateways, ProviderCustomers providerCustomers, SavedMethodSetups setups,
    TimeProvider time)
    : IPhasedCommandHandler<SavePaymentMethodCommand, PaymentMethodDto>
{
    public async Task<Result<PaymentMethodDto>> Handle(SavePaymentMethodCommand request, CancellationToken cancellationToken)
    {
        var name = request.Gateway!.ToLowerInvariant();
        if (gateways.Find(name) is not ISavedMethodGateway saver)
        {
            return SavedMethodErrors.SavingNotSupported(name);
        }

        var implied = saver.KindOf(request.PaymentMethod);
        if (request.Kind is { } asked && implied is { } kindOfToken && asked != kindOfToken)
        {
            return Error.Validation("kind", $"This payment method token is a {Snake(kindOfToken)} method, not {Snake(asked)}.");
        }

        var kind = request.Kind ?? implied ?? (saver.Kinds.Count == 1 ? saver.Kinds.Single() : SavedMethodKind.Card);
        if (!saver.Kinds.Contains(kind))
        {
            return new Error(
                "saving_not_supported", $"The {name} gateway cannot save a {Snake(kind)} method; it saves: {string.Join(", ", saver.Kinds.Select(Snake))}.",
                ErrorKind.Unprocessable);
        }

        if (!await db.Customers.AsNoTracking().AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
        {
            return CustomerErrors.NotFound;
        }

        string? providerCustomer;
        try
        {
            providerCustomer = saver.NeedsProviderCustomer ? await providerCustomers.EnsureAsync(saver, name, request.CustomerId, cancellationToken) : null;
        }
        catch (Exception ex) when (GatewayException.IsProviderFailure(ex))
        {
            // Nothing was saved: the provider did not create (or refused) the customer the method would hang on.
            return ex is GatewayException { Kind: GatewayErrorKind.InvalidRequest or GatewayErrorKind.Authentication }
                ? new Error("gateway_rejected", $"The {name} gateway refused to create the customer; no method was saved.", ErrorKind.Unprocessable)
                : new Error("gateway_unavailable", $"The {name} gateway did not answer; no method was saved. Try again.", ErrorKind.Unavailable);
        }
        var begun = await unitOfWork.ExecuteAsync(
            ct =>
            {
                var method = SavedPaymentMethod.Begin(request.CustomerId, name, kind, providerCustomer, time.GetUtcNow());
                db.SavedPaymentMethods.Add(method);
                return Task.FromResult(Result<string>.Success(method.Id));
            },
            cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error;
        }

        // The provider may now keep a mandate: finish recording its answer even if the client has gone.
        var outcome = await setups.SetUpAsync(
            saver, new GatewaySetupRequest(begun.Value, request.CustomerId, providerCustomer, kind, request.PaymentMethod, request.ReturnUrl, begun.Value), name);
        return await setups.RecordAsync(begun.Value, outcome);
    }

    private static string Snake(SavedMethodKind kind) => kind switch
    {
        SavedMethodKind.SepaDebit => "sepa_debit",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
