namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>Finds the configured gateway adapter by name.</summary>
public interface IPaymentGatewayRegistry
{
    IPaymentGateway? Find(string name);

    IReadOnlyCollection<string> Names { get; }
}
