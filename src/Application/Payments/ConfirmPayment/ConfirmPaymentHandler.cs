using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Application.Payments.GetPayment;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Application.Payments.ConfirmPayment;

internal sealed class ConfirmPaymentHandler(IApplicationDbContext db, ICurrentUser user, ChargePipeline pipeline)
    : IPhasedCommandHandler<ConfirmPaymentCommand, PaymentDto>
{
    public async Task<Result<PaymentDto>> Handle(ConfirmPaymentCommand request, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PaymentId, cancellationToken);
        if (payment is null || !GetPaymentHandler.CanSee(user, payment))
        {
            return PaymentErrors.NotFound;
        }

        if (payment.IsFinal)
        {
            return PaymentDto.From(payment);
        }

        var applied = await pipeline.ConfirmAsync(payment);
        return applied.IsSuccess ? PaymentDto.From(applied.Value) : applied.Error;
    }
}
