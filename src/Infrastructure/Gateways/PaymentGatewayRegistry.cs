using CleanPrepay.Application.Abstractions.Gateways;

namespace CleanPrepay.Infrastructure.Gateways;

internal sealed class PaymentGatewayRegistry(IEnumerable<IPaymentGateway> gateways) : IPaymentGatewayRegistry
{
    private readonly Dictionary<string, IPaymentGateway> _byName = gateways.ToDictionary(g => g.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IPaymentGateway? Find(string name) => _byName.GetValueOrDefault(name);
}
