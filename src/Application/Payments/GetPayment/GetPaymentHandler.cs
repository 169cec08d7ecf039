using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Payments.GetPayment;

internal sealed class GetPaymentHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetPaymentQuery, PaymentDto>
{
    public async Task<Result<PaymentDto>> Handle(GetPaymentQuery request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        return payment is null || !CanSee(user, payment) ? PaymentErrors.NotFound : PaymentDto.From(payment);
    }

    internal static bool CanSee(ICurrentUser user, Payment payment) => user.IsAdmin || user.CustomerId == payment.CustomerId;
}
