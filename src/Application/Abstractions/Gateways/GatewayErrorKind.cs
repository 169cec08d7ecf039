namespace CleanPrepay.Application.Abstractions.Gateways;

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
