using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Customers.RecordVisit;
using MediatR;

namespace CleanPrepay.WebApi.Identity;

/// <summary>
/// Stamps <c>lastVisitAt</c> after a customer's own request succeeds (staff calls are no visit).
/// A failed stamp is logged and never fails the customer's request.
/// </summary>
internal sealed class LastVisitMiddleware(RequestDelegate next, ILogger<LastVisitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, ICurrentUser user)
    {
        await next(context);

        if (user.CustomerId is not { Length: > 0 } customerId || context.Response.StatusCode >= StatusCodes.Status400BadRequest)
        {
            return;
        }

        try
        {
            var mediator = context.RequestServices.GetRequiredService<IMediator>();
            await mediator.Send(new RecordVisitCommand(customerId), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the next visit will stamp it.
        }
        catch (Exception ex)
        {
            // Bookkeeping only: the request itself succeeded and has been answered.
            logger.LogWarning(ex, "Could not record the last visit of a customer");
        }
    }
}
