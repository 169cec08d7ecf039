using AutoMapper;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.UpdateCustomer;

internal sealed class UpdateCustomerHandler(IApplicationDbContext db, ICurrentUser user, IMapper mapper, TimeProvider time)
    : ICommandHandler<UpdateCustomerCommand, CustomerDto>
{
    public async Task<Result<CustomerDto>> Handle(UpdateCustomerCommand request, CancellationToken cancellationToken)
    {
        if (request.Status is not null && !user.IsAdmin)
        {
            return CustomerErrors.StaffOnlyField("status");
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken);
        if (customer is null)
        {
            return CustomerErrors.NotFound;
        }

        // ADR 0029: a customer changes their name, language and marketing choices; the email (which would reveal whether
        // another address is registered) and the country (VAT, gateway routing) are the back office's. Sending the
        // current value back is no change and is accepted.
        if (!user.IsAdmin)
        {
            if (request.Email is { } wanted && !customer.HasEmail(wanted))
            {
                return CustomerErrors.StaffOnlyField("email");
            }

            if (request.Country is { } country && !customer.IsIn(country))
            {
                return CustomerErrors.StaffOnlyField("country");
            }
        }

        // A customer's own address sent back (in any case) changes nothing; staff may re-case it.
        var email = user.IsAdmin ? request.Email?.Trim() : null;
        if (email is not null && !customer.HasEmail(email))
        {
            var normalized = Customer.NormalizeEmail(email);
            if (await db.Customers.AnyAsync(c => c.NormalizedEmail == normalized && c.Id != customer.Id, cancellationToken))
            {
                return CustomerErrors.EmailTaken(email);
            }
        }

        customer.UpdateProfile(email, request.Name, request.Language, request.Country, request.Newsletter, request.OptIn, request.Status, time.GetUtcNow());
        return mapper.Map<CustomerDto>(customer);
    }
}
