using System.Collections.Concurrent;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Infrastructure.Gateways;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Gateways.ContractTests.Support;

/// <summary>
/// The provider adapters wired as the API wires them (options from configuration, named HttpClients,
/// the Polly handler), with every log line at every level captured, so a test can look for leaks.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public GatewayHost(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(LogLines));
        });
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<GatewayCircuits>();
        services.AddProviderGateways(configuration);
        _services = services.BuildServiceProvider();
    }

    public ConcurrentQueue<string> LogLines { get; } = new();

    public IPaymentGateway Gateway(string name) =>
        _services.GetServices<IPaymentGateway>().SingleOrDefault(g => g.Name == name)
        ?? throw new InvalidOperationException($"The {name} adapter is not enabled by these settings.");

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
