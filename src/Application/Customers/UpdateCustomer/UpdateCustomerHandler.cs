using AutoMapper;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.UpdateCustomer;

internal sealed class UpdateCustomerHandler(IApplicationDbContext db, ICurrentUser user, IMapper mapper)
    : ICommandHandler<UpdateCustomerCommand, CustomerDto>
{
    public async Task<Result<CustomerDto>> Handle(UpdateCustomerCommand request, CancellationToken cancellationToken)
    {
        if (request.Status is not null && !user.IsAdmin)
        {
            return new Error("forbidden", "Only the back office can change an account's status.", ErrorKind.Forbidden);
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken);
        if (customer is null)
        {
            return CustomerErrors.NotFound;
        }

        var email = request.Email?.Trim();
        if (email is not null && email != customer.Email
            && await db.Customers.AnyAsync(c => c.Email == email && c.Id != customer.Id, cancellationToken))
        {
            return CustomerErrors.EmailTaken(email);
        }

        customer.UpdateProfile(email, request.Name, request.Language, request.Country, request.Newsletter, request.OptIn, request.Status);
        return mapper.Map<CustomerDto>(customer);
    }
}
