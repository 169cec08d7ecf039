namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// A provider call that did not produce an answer about the payment. Its message never contains
/// secrets, tokens or card data: only our ids, the HTTP status and the provider's error code.
/// </summary>
public sealed class GatewayException(string gateway, GatewayErrorKind kind, string? providerCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>
    /// Whether <paramref name="ex"/> is how a call to a provider fails (its refusal, a transport error, a timeout), as
    /// opposed to a bug: the exceptions every caller of a gateway turns into an outcome rather than a 500.
    /// </summary>
    public static bool IsProviderFailure(Exception ex) => ex is GatewayException or HttpRequestException or TimeoutException or TaskCanceledException;

    public string Gateway { get; } = gateway;

    public GatewayErrorKind Kind { get; } = kind;

    public string? ProviderCode { get; } = providerCode;

    /// <summary>Whether money may have moved: the outcome must be found out later, by sync or webhook.</summary>
    public bool OutcomeUnknown => Kind is GatewayErrorKind.Unavailable or GatewayErrorKind.UnexpectedResponse;
}
