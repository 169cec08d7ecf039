using System.Diagnostics;
using CleanPrepay.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>
/// Logs the request's type, outcome and duration. Never the request itself: requests carry payment
/// tokens and personal data, and a logged request is a leaked request.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is Result { IsSuccess: false } failed)
            {
                logger.LogInformation("{Request} refused with {Code} in {ElapsedMs:F1} ms", name, failed.Error.Code, elapsed);
            }
            else
            {
                logger.LogInformation("{Request} handled in {ElapsedMs:F1} ms", name, elapsed);
            }

            return response;
        }
        catch (Exception ex)
        {
            logger.LogWarning("{Request} threw {Exception} after {ElapsedMs:F1} ms", name, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
