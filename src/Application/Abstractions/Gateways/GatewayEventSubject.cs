namespace CleanPrepay.Application.Abstractions.Gateways;

public enum GatewayEventSubject
{
    Payment,
    Refund,

    /// <summary>A dispute (chargeback) of a payment: <see cref="GatewayEvent.Dispute"/> says which and where it stands.</summary>
    Dispute,
}
