using System.Diagnostics;
using CleanPrepay.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.Common.Behaviours;

/// <summary>
/// Logs the request's type, outcome and duration. Never the request itself: requests carry payment
/// tokens and personal data, and a logged request is a leaked request.
/// </summary>
/// <remarks>
/// Handled and refused requests log at Debug: at Information the console sink cost a third of a wallet
/// write's throughput (bench/README.md). A request that throws logs at Warning.
/// </remarks>
internal sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string Name = typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response is Result { IsSuccess: false } failed)
                {
                    LogRefused(Name, failed.Error.Code, elapsed);
                }
                else
                {
                    LogHandled(Name, elapsed);
                }
            }

            return response;
        }
        catch (Exception ex)
        {
            LogThrew(Name, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:F1} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Request} refused with {Code} in {ElapsedMs:F1} ms")]
    private partial void LogRefused(string request, string code, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Request} threw {Exception} after {ElapsedMs:F1} ms")]
    private partial void LogThrew(string request, string exception, double elapsedMs);
}
