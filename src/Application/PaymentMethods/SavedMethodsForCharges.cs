using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.PaymentMethods;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods;

/// <summary>The saved methods as the charge pipeline sees them (<see cref="ISavedMethods"/>, ADR 0038).</summary>
internal sealed class SavedMethodsForCharges(
    IApplicationDbContext db, IRowLocker locker, ProviderCustomers providerCustomers, SavedMethodSetups setups, TimeProvider time) : ISavedMethods
{
    public async Task<Result<string>> UsableGatewayAsync(string customerId, string savedMethodId, CancellationToken ct)
    {
        var method = await db.SavedPaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == savedMethodId && m.CustomerId == customerId, ct);
        if (method is null)
        {
            return new Error("saved_method_unusable", $"The customer has no saved payment method '{savedMethodId}'.", ErrorKind.Unprocessable);
        }

        return method.IsUsable ? method.Gateway : SavedMethodErrors.NotUsable(method.Status);
    }

    public async Task<GatewaySavedMethod?> ChargeableAsync(string customerId, string savedMethodId, string gateway, CancellationToken ct)
    {
        var method = await db.SavedPaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == savedMethodId && m.CustomerId == customerId, ct);
        return method is { IsUsable: true } && method.Gateway == gateway
            ? new GatewaySavedMethod(method.ProviderCustomerId, method.ProviderMethodId!, method.Kind)
            : null;
    }

    public async Task<string?> ProviderCustomerAsync(IPaymentGateway gateway, string customerId, CancellationToken ct) =>
        gateway is ISavedMethodGateway { NeedsProviderCustomer: true } saver
            ? await providerCustomers.EnsureAsync(saver, gateway.Name, customerId, ct)
            : null;

    public async Task<bool> ApplySetupAsync(string gateway, string setupReference, GatewaySetupOutcome outcome, CancellationToken ct)
    {
        var found = await db.SavedPaymentMethods.AsNoTracking().Where(m => m.Gateway == gateway && m.SetupReference == setupReference)
            .Select(m => new { m.Id, m.CustomerId }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return false;
        }

        await locker.LockAsync<Customer>(nameof(Customer.Id), found.CustomerId, ct);
        var method = await db.SavedPaymentMethods.FirstAsync(m => m.Id == found.Id, ct);
        var version = method.Version;
        await setups.ApplyAsync(method, outcome, ct);
        return method.Version != version;
    }

    public Task<bool> HasSetupAsync(string gateway, IReadOnlyList<string> references, CancellationToken ct) =>
        references.Count == 0
            ? Task.FromResult(false)
            : db.SavedPaymentMethods.AnyAsync(m => m.Gateway == gateway && references.Contains(m.SetupReference!), ct);

    /// <summary>Saved once, with the success that left it on file, under the customer's lock like every default change.</summary>
    public async Task KeepAsync(Payment payment, SavedMethodDetails kept, CancellationToken ct)
    {
        await locker.LockAsync<Customer>(nameof(Customer.Id), payment.CustomerId, ct);
        var method = SavedPaymentMethod.Begin(payment.CustomerId, payment.Gateway, kept.Kind, kept.ProviderCustomerId, time.GetUtcNow());
        db.SavedPaymentMethods.Add(method);
        await setups.ApplyAsync(method, new GatewaySetupOutcome(SavedMethodStatus.Active, kept.ProviderMethodId, payment.Id, kept.Display), ct);
    }
}
