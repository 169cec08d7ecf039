using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>ADR 0032: feature folders reach each other only through the charge pipeline, the ports and the shared contracts.</summary>
public sealed class FeatureRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Features";

    [Fact]
    public void Application_features_reach_each_other_only_through_the_pipeline_the_ports_and_the_listed_exceptions()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(FeatureRules.FeaturesDoNotReachIntoEachOther(application.Module));
    }

    [Fact]
    public void Canary_the_feature_rule_reads_the_real_features()
    {
        using var application = Layers.Application();
        var result = FeatureRules.FeaturesDoNotReachIntoEachOther(application.Module);

        Assert.Equal("CleanPrepay.Application", result.Assembly);
        Assert.Contains("Orders", result.Rule);
        Assert.Contains("Wallets", result.Rule);
        Assert.Contains("Subscriptions", result.Rule);
        Assert.Contains("CleanPrepay.Application.Orders.OrderSettler", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Wallets.TopUpWallet.TopUpWalletHandler", result.InspectedTypes);
        // The handlers do reach the pipeline: the rule sees the references it allows.
        Assert.Contains("CleanPrepay.Application.Payments.Charging.ChargePipeline", result.SeenTypes);
    }

    [Theory]
    [InlineData("Orders.ReachesIntoWallets", "Canaries.Features.Wallets.TopUpThing")]
    [InlineData("Wallets.ReachesIntoPayments", "Canaries.Features.Payments.PaymentThing")]
    [InlineData("Payments.Charging.PipelineReachesIntoOrders", "Canaries.Features.Orders.OrderThing")]
    [InlineData("Orders.ReachesThroughANestedType", "Canaries.Features.Wallets.TopUpThing+Inner")]
    public void Canary_the_feature_rule_catches_a_feature_reaching_into_another(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = FeatureRules.FeaturesDoNotReachIntoEachOther(tests.Module, Canaries, ["Abstractions", "Payments.Charging"], CanaryAllowed);

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Theory]
    [InlineData("Orders.UsesThePipelineAndTheSharedKernel")]
    [InlineData("Orders.UsesAnAllowedReach")]
    [InlineData("Wallets.TopUpThing")]
    public void Canary_the_feature_rule_allows_the_pipeline_shared_namespaces_and_listed_reaches(string canary)
    {
        using var tests = Layers.Canaries();
        var result = FeatureRules.FeaturesDoNotReachIntoEachOther(tests.Module, Canaries, ["Abstractions", "Payments.Charging"], CanaryAllowed);

        RuleAssert.Clean(result, $"{Canaries}.{canary}");
    }

    [Fact]
    public void Canary_an_allowed_reach_is_for_its_own_feature_only()
    {
        using var tests = Layers.Canaries();
        var result = FeatureRules.FeaturesDoNotReachIntoEachOther(tests.Module, Canaries, ["Abstractions", "Payments.Charging"], CanaryAllowed);

        RuleAssert.Reports(result, $"{Canaries}.Wallets.ReachesWhatOnlyOrdersMay", "Canaries.Features.Catalog.PriceThing");
    }

    [Fact]
    public void The_listed_exceptions_are_few_and_each_says_why()
    {
        Assert.True(FeatureRules.Allowed.Count <= 10, $"{FeatureRules.Allowed.Count} cross-feature exceptions: make the features talk through the pipeline instead.");
        Assert.All(FeatureRules.Allowed, a => Assert.False(string.IsNullOrWhiteSpace(a.Why), $"{a.From} -> {a.To} says no why."));
    }

    private static readonly IReadOnlyList<AllowedReach> CanaryAllowed = [new("Orders", "Catalog", "canary: orders price what the catalogue sells")];
}

/// <summary>ADR 0032: the settlement core knows no feature, and every payment purpose has exactly one settler.</summary>
public sealed class PipelineRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries";

    [Fact]
    public void The_charge_pipeline_references_no_feature_and_no_aggregate_but_the_payment()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(FeatureRules.PipelineKnowsNoFeature(application.Module));
    }

    [Fact]
    public void Canary_the_pipeline_rule_reads_the_real_pipeline()
    {
        using var application = Layers.Application();
        var result = FeatureRules.PipelineKnowsNoFeature(application.Module);

        Assert.Contains("CleanPrepay.Application.Payments.Charging.SettlementCore", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Payments.Charging.ChargePipeline", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Payments.Charging.IChargeSettler", result.SeenTypes);
        Assert.Contains("CleanPrepay.Domain.Payments.Payment", result.SeenTypes);
    }

    [Theory]
    [InlineData("PipelineReachesIntoOrders", "CleanPrepay.Architecture.Tests.Canaries.Features.Orders.OrderThing")]
    [InlineData("PipelineKnowsAnOrder", "CleanPrepay.Domain.Orders.Order [CleanPrepay.Domain]")]
    [InlineData("PipelineKnowsATopUp", "CleanPrepay.Domain.TopUps.TopUp [CleanPrepay.Domain]")]
    public void Canary_the_pipeline_rule_catches_a_feature_or_another_aggregate(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = FeatureRules.PipelineKnowsNoFeature(tests.Module, $"{Canaries}.Features.Payments.Charging", $"{Canaries}.Features", alsoAllowed: []);

        RuleAssert.Reports(result, $"{Canaries}.Features.Payments.Charging.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_pipeline_rule_allows_the_payment_and_the_shared_kernel()
    {
        using var tests = Layers.Canaries();
        var result = FeatureRules.PipelineKnowsNoFeature(tests.Module, $"{Canaries}.Features.Payments.Charging", $"{Canaries}.Features", alsoAllowed: []);

        RuleAssert.Clean(result, $"{Canaries}.Features.Payments.Charging.CleanPipeline");
    }

    [Fact]
    public void Every_payment_purpose_has_exactly_one_settler()
    {
        using var domain = Layers.Domain();
        using var application = Layers.Application();
        var result = FeatureRules.EveryPurposeHasOneSettler(application.Module, FeatureRules.Purposes(domain.Module));

        RuleAssert.NoViolations(result);
        Assert.Contains("CleanPrepay.Application.Wallets.TopUpWallet.TopUpSettler", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Orders.OrderSettler", result.InspectedTypes);
    }

    [Fact]
    public void Canary_the_purposes_are_read_from_the_real_enum()
    {
        using var domain = Layers.Domain();
        var purposes = FeatureRules.Purposes(domain.Module);

        Assert.Equal(["TopUp", "Order", "AutoTopUp"], purposes.OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Theory]
    [InlineData("Settlers.Doubled", "<purpose TopUp>", "2 settlers")]
    [InlineData("Settlers.Missing", "<purpose Order>", "no settler")]
    [InlineData("Settlers.Unmarked", "CleanPrepay.Architecture.Tests.Canaries.Settlers.Unmarked.UnmarkedSettler", "names no purpose")]
    public void Canary_the_settler_rule_catches_a_purpose_without_exactly_one_settler(string canaries, string type, string forbidden)
    {
        using var domain = Layers.Domain();
        using var tests = Layers.Canaries();
        var result = FeatureRules.EveryPurposeHasOneSettler(tests.Module, FeatureRules.Purposes(domain.Module), ArchitectureRules.InNamespace($"{Canaries}.{canaries}"));

        RuleAssert.Reports(result, type, forbidden);
    }

    [Fact]
    public void Canary_the_settler_rule_accepts_one_settler_per_purpose()
    {
        using var domain = Layers.Domain();
        using var tests = Layers.Canaries();
        var result = FeatureRules.EveryPurposeHasOneSettler(tests.Module, FeatureRules.Purposes(domain.Module), ArchitectureRules.InNamespace($"{Canaries}.Settlers.Complete"));

        RuleAssert.NoViolations(result);
        Assert.Equal(3, result.InspectedTypes.Count);
    }
}
