namespace CleanPrepay.Application.Abstractions.Gateways;

public enum GatewayEventSubject
{
    Payment,
    Refund,
}
