namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>
/// A provider call that did not produce an answer about the payment. Its message never contains
/// secrets, tokens or card data: only our ids, the HTTP status and the provider's error code.
/// </summary>
public sealed class GatewayException(string gateway, GatewayErrorKind kind, string? providerCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Gateway { get; } = gateway;

    public GatewayErrorKind Kind { get; } = kind;

    public string? ProviderCode { get; } = providerCode;

    /// <summary>Whether money may have moved: the outcome must be found out later, by sync or webhook.</summary>
    public bool OutcomeUnknown => Kind is GatewayErrorKind.Unavailable or GatewayErrorKind.UnexpectedResponse;
}
