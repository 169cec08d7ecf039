using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Customers.UnsubscribeFromNewsletter;

internal sealed class UnsubscribeFromNewsletterHandler(IApplicationDbContext db, TimeProvider time) : ICommandHandler<UnsubscribeFromNewsletterCommand, bool>
{
    public async Task<Result<bool>> Handle(UnsubscribeFromNewsletterCommand request, CancellationToken cancellationToken)
    {
        var email = Customer.NormalizeEmail(request.Email);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.NormalizedEmail == email, cancellationToken);
        if (customer is not { Newsletter: true })
        {
            return false;
        }

        customer.UpdateProfile(null, null, null, null, newsletter: false, null, null, time.GetUtcNow());
        return true;
    }
}
