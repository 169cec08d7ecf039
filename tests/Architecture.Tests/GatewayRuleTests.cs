using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 5: a gateway adapter never references another adapter.</summary>
public sealed class GatewayRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Gateways";

    [Fact]
    public void Gateway_adapters_never_reference_each_other()
    {
        using var infrastructure = Layers.Infrastructure();
        RuleAssert.NoViolations(ArchitectureRules.GatewayAdaptersAreIsolated(infrastructure.Module));
    }

    [Fact]
    public void Canary_the_rule_finds_the_real_adapters()
    {
        using var infrastructure = Layers.Infrastructure();
        var result = ArchitectureRules.GatewayAdaptersAreIsolated(infrastructure.Module);

        Assert.Equal("CleanPrepay.Infrastructure", result.Assembly);
        Assert.Contains("Sandbox", ArchitectureRules.GatewayProviders(infrastructure.Module));
        Assert.Contains("CleanPrepay.Infrastructure.Gateways.Sandbox.SandboxGateway", result.InspectedTypes);
        // The shared registry belongs to no provider.
        Assert.DoesNotContain("CleanPrepay.Infrastructure.Gateways.PaymentGatewayRegistry", result.InspectedTypes);
    }

    [Fact]
    public void Canary_the_rule_catches_one_adapter_calling_another()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.GatewayAdaptersAreIsolated(tests.Module, Canaries);

        Assert.Equal(["Alpha", "Beta", "Gamma"], ArchitectureRules.GatewayProviders(tests.Module, Canaries));
        RuleAssert.Reports(result, $"{Canaries}.Alpha.AlphaGateway", $"{Canaries}.Beta.BetaStatusMapper", "call in method Describe");
        // From a sub-namespace of Gamma, inside a lambda.
        RuleAssert.Reports(result, $"{Canaries}.Gamma.Webhooks.GammaWebhook", $"{Canaries}.Alpha.AlphaGateway");
        // Beta only uses the shared registry: allowed.
        RuleAssert.Clean(result, $"{Canaries}.Beta.BetaStatusMapper");
        Assert.Equal(
            [$"{Canaries}.Alpha.AlphaGateway -> {Canaries}.Beta.BetaStatusMapper", $"{Canaries}.Gamma.Webhooks.GammaWebhook -> {Canaries}.Alpha.AlphaGateway"],
            result.Violations
                .Select(v => $"{v.Type.Split('+')[0]} -> {v.Forbidden.Split(' ')[0]}")
                .Distinct()
                .Order(StringComparer.Ordinal));
    }
}
