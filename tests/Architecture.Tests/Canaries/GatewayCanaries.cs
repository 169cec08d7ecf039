// Three fake adapters for the gateway-isolation canary: Alpha calls Beta, Gamma calls Alpha from a lambda,
// Beta only uses the shared registry. Nothing runs them.
namespace CleanPrepay.Architecture.Tests.Canaries.Gateways
{
    /// <summary>Shared by every provider: allowed.</summary>
    public static class SharedGatewayRegistry
    {
        public const string Prefix = "gw:";

        public static string Name(string provider) => Prefix + provider;
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Gateways.Alpha
{
    public static class AlphaGateway
    {
        public static string Describe(int status) => Beta.BetaStatusMapper.Map(status);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Gateways.Beta
{
    public static class BetaStatusMapper
    {
        public static string Map(int status) => SharedGatewayRegistry.Name("beta") + status;
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Gateways.Gamma.Webhooks
{
    /// <summary>In a sub-namespace of Gamma, reaching Alpha only inside a lambda.</summary>
    public static class GammaWebhook
    {
        public static Func<int, string> Handler() => status => Alpha.AlphaGateway.Describe(status);
    }
}
