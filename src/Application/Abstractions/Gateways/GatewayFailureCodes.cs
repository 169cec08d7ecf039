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
