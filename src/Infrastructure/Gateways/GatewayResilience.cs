using System.Collections.Concurrent;
using System.Net;
using CleanPrepay.Application.Abstractions.Gateways;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CleanPrepay.Infrastructure.Gateways;

/// <summary>
/// One resilience pipeline per gateway for the life of the process, so its circuit breaker sees every
/// call (IHttpClientFactory rebuilds handlers every few minutes; a breaker's state provider may only be
/// attached once), and routing can pass over a provider whose circuit is open.
/// </summary>
public sealed class GatewayCircuits
{
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _circuits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ResiliencePipeline<HttpResponseMessage>>> _lookups = new(StringComparer.Ordinal);

    public bool IsOpen(string gateway) =>
        _circuits.TryGetValue(gateway, out var state) && state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    internal ResiliencePipeline<HttpResponseMessage> PipelineFor(string gateway, GatewayOptions options, TimeProvider time) =>
        _pipelines.GetOrAdd(gateway, name => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() =>
        {
            var state = new CircuitBreakerStateProvider();
            _circuits[name] = state;
            return GatewayResilienceHandler.Build(options, state, time);
        })).Value;

    /// <summary>The same timeouts and retries without the breaker: what a webhook look-up goes through.</summary>
    internal ResiliencePipeline<HttpResponseMessage> LookupPipelineFor(string gateway, GatewayOptions options, TimeProvider time) =>
        _lookups.GetOrAdd(gateway, _ => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() =>
            GatewayResilienceHandler.Build(options, state: null, time))).Value;
}

/// <summary>
/// Polly 8 around every provider call, retrying only requests safe to repeat (docs/spec/payment-gateways.md#resilience).
/// A timeout or an open circuit is <see cref="GatewayErrorKind.Unavailable"/>, so the payment stays pending.
/// </summary>
internal sealed class GatewayResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<bool> RepeatableKey = new("CleanPrepay.Repeatable");
    private readonly string _gateway;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _lookupPipeline;
    private readonly GatewayCircuits _circuits;

    public GatewayResilienceHandler(string gateway, GatewayOptions options, GatewayCircuits circuits, TimeProvider time)
    {
        _gateway = gateway;
        _circuits = circuits;
        _pipeline = circuits.PipelineFor(gateway, options, time);
        _lookupPipeline = circuits.LookupPipelineFor(gateway, options, time);
    }

    /// <param name="state">The breaker's state; null builds the pipeline without a breaker.</param>
    internal static ResiliencePipeline<HttpResponseMessage> Build(GatewayOptions options, CircuitBreakerStateProvider? state, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    options.MaxRetries > 0
                    && args.Context.Properties.GetValue(RepeatableKey, false)
                    && IsTransient(args.Outcome)),
            });
        if (state is not null)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSampling,
                BreakDuration = options.BreakDuration,
                StateProvider = state,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or TaskCanceledException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A webhook look-up is neither a failure nor a success to the breaker, and waits like any call while it is open.
        var lookup = GatewayHttp.IsWebhookLookup;
        if (lookup && _circuits.IsOpen(_gateway))
        {
            throw new GatewayException(_gateway, GatewayErrorKind.Unavailable, "circuit_open", $"{_gateway} is failing; its circuit is open.");
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RepeatableKey, GatewayHttp.IsRepeatable(request));
        try
        {
            var outcome = await (lookup ? _lookupPipeline : _pipeline).ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        var response = await state.Handler.BaseSendAsync(state.Request, ctx.CancellationToken);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request));
            return outcome.Exception switch
            {
                null => outcome.Result!,
                BrokenCircuitException => throw new GatewayException(_gateway, GatewayErrorKind.Unavailable, "circuit_open", $"{_gateway} is failing; its circuit is open."),
                TimeoutRejectedException => throw new GatewayException(_gateway, GatewayErrorKind.Unavailable, "timeout", $"{_gateway} did not answer in time."),
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    throw new GatewayException(_gateway, GatewayErrorKind.Unavailable, "timeout", $"{_gateway} did not answer in time."),
                var other => throw new GatewayException(_gateway, GatewayErrorKind.Unavailable, null, $"{_gateway} did not answer ({other.GetType().Name}).", other),
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> BaseSendAsync(HttpRequestMessage request, CancellationToken ct) => base.SendAsync(request, ct);
}
