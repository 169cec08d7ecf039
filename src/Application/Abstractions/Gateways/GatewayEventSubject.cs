namespace CleanPrepay.Application.Abstractions.Gateways;

public enum GatewayEventSubject
{
    Payment,
    Refund,

    /// <summary>A saved method's set-up moved on (a SetupIntent, a Mollie first payment): <see cref="GatewayEvent.Setup"/> says where it stands.</summary>
    Setup,

    /// <summary>A dispute (chargeback) of a payment: <see cref="GatewayEvent.Dispute"/> says which and where it stands.</summary>
    Dispute,
}
