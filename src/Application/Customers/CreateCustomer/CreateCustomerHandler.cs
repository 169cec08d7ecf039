using AutoMapper;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using CleanPrepay.Domain.Wallets;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.CreateCustomer;

/// <summary>Registers a customer and opens their (empty) wallet in the same transaction.</summary>
internal sealed class CreateCustomerHandler(IApplicationDbContext db, TimeProvider time, IMapper mapper)
    : ICommandHandler<CreateCustomerCommand, CustomerDto>
{
    public async Task<Result<CustomerDto>> Handle(CreateCustomerCommand request, CancellationToken cancellationToken)
    {
        var email = request.Email!.Trim();
        var normalized = Customer.NormalizeEmail(email);
        if (await db.Customers.AnyAsync(c => c.NormalizedEmail == normalized, cancellationToken))
        {
            return CustomerErrors.EmailTaken(email);
        }

        var now = time.GetUtcNow();
        var customer = Customer.Register(
            email, request.Name!, request.Language ?? "en", request.Country, request.Newsletter ?? false, request.OptIn ?? false, now);
        db.Customers.Add(customer);
        db.Wallets.Add(Wallet.Open(customer.Id, now));
        return mapper.Map<CustomerDto>(customer);
    }
}
