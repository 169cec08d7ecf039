namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>The neutral failure codes a payment or refund can end with, whatever the provider.</summary>
public static class GatewayFailureCodes
{
    public const string CardDeclined = "card_declined";
    public const string InsufficientFunds = "insufficient_funds";
    public const string ExpiredCard = "expired_card";
    public const string AuthenticationFailed = "authentication_failed";
    public const string PayerCanceled = "payer_canceled";
    public const string Expired = "expired";
    public const string ProcessingError = "processing_error";
    public const string InvalidPaymentMethod = "invalid_payment_method";
    public const string GatewayRejected = "gateway_rejected";
    public const string Declined = "declined";
}

/// <summary>Why a call to a provider did not give an answer about the payment.</summary>
public enum GatewayErrorKind
{
    /// <summary>No answer (timeout, connection, 5xx, open circuit): the outcome is unknown, never a failure.</summary>
    Unavailable,

    /// <summary>429: nothing was done; try later.</summary>
    RateLimited,

    /// <summary>Our credentials were refused (401/403): a configuration fault.</summary>
    Authentication,

    /// <summary>The provider refused the request as invalid (400/422): nothing was done.</summary>
    InvalidRequest,

    /// <summary>The provider does not know the payment.</summary>
    NotFound,

    /// <summary>The provider's answer could not be understood.</summary>
    UnexpectedResponse,
}

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
