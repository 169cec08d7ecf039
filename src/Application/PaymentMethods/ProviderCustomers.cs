using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Common.Exceptions;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.PaymentMethods;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.PaymentMethods;

/// <summary>
/// The customer's record at a provider, created once: the creation is keyed on our customer id, so a
/// retry or a racing request gets the same provider customer, and the (customer, gateway) row is unique.
/// </summary>
internal sealed class ProviderCustomers(IApplicationDbContext db, IUnitOfWork unitOfWork, TimeProvider time)
{
    /// <summary>The provider customer id, creating it at the provider (outside any transaction) the first time.</summary>
    public async Task<string> EnsureAsync(ISavedMethodGateway gateway, string gatewayName, string customerId, CancellationToken ct)
    {
        if (await FindAsync(gatewayName, customerId, ct) is { } known)
        {
            return known;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Email, c.Name }).FirstAsync(ct);
        var created = await gateway.CreateCustomerAsync(new GatewayCustomerRequest(customerId, customer.Email, customer.Name, $"customer_{customerId}"), ct);
        try
        {
            var stored = await unitOfWork.ExecuteAsync(
                async inner =>
                {
                    if (await FindAsync(gatewayName, customerId, inner) is { } raced)
                    {
                        return Result<string>.Success(raced); // another request stored it first; the same key made the provider answer the same customer
                    }

                    db.GatewayCustomers.Add(GatewayCustomer.Of(customerId, gatewayName, created, time.GetUtcNow()));
                    return Result<string>.Success(created);
                },
                ct);
            return stored.IsSuccess ? stored.Value : created;
        }
        catch (UniqueConstraintException)
        {
            // Stored by a racing request between our read and our commit.
            return await FindAsync(gatewayName, customerId, ct) ?? created;
        }
    }

    private Task<string?> FindAsync(string gatewayName, string customerId, CancellationToken ct) =>
        db.GatewayCustomers.AsNoTracking().Where(c => c.CustomerId == customerId && c.Gateway == gatewayName).Select(c => c.ProviderCustomerId).FirstOrDefaultAsync(ct);
}
