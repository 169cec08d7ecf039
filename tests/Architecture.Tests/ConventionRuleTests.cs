using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 6 (docs/reference/style.md#application): handlers are internal sealed; commands and queries are immutable records.</summary>
public sealed class ConventionRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Handlers";

    [Fact]
    public void Application_handlers_are_internal_sealed()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(ArchitectureRules.HandlersAreInternalSealed(application.Module));
    }

    [Fact]
    public void Application_commands_and_queries_are_immutable_records()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(ArchitectureRules.RequestsAreImmutableRecords(application.Module));
    }

    [Fact]
    public void Canary_the_rules_find_the_real_handlers_and_requests()
    {
        using var application = Layers.Application();
        var handlers = ArchitectureRules.HandlersAreInternalSealed(application.Module);
        var requests = ArchitectureRules.RequestsAreImmutableRecords(application.Module);

        Assert.Equal("CleanPrepay.Application", handlers.Assembly);
        Assert.True(handlers.InspectedTypes.Count > 10, $"Only {handlers.InspectedTypes.Count} handlers found: {string.Join(", ", handlers.InspectedTypes)}");
        Assert.Contains("CleanPrepay.Application.Customers.CreateCustomer.CreateCustomerHandler", handlers.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Customers.GetCustomer.GetCustomerHandler", handlers.InspectedTypes);
        Assert.True(requests.InspectedTypes.Count > 10, $"Only {requests.InspectedTypes.Count} requests found: {string.Join(", ", requests.InspectedTypes)}");
        Assert.Contains("CleanPrepay.Application.Customers.CreateCustomer.CreateCustomerCommand", requests.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Customers.GetCustomer.GetCustomerQuery", requests.InspectedTypes);
    }

    [Theory]
    [InlineData("PublicHandler", "public visibility")]
    [InlineData("UnsealedHandler", "unsealed class")]
    [InlineData("PublicHandlerViaInterface", "public visibility")]
    [InlineData("PublicHandlerViaBaseClass", "public visibility")]
    [InlineData("PublicOuter+NestedPublicHandler", "public visibility")]
    public void Canary_the_handler_rule_catches_public_or_unsealed_handlers(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.HandlersAreInternalSealed(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_handler_rule_accepts_internal_sealed_and_skips_abstract_handlers()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.HandlersAreInternalSealed(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Clean(result, $"{Canaries}.GoodHandler");
        RuleAssert.Clean(result, $"{Canaries}.InternalOuter+NestedHandlerInInternalType");
        Assert.DoesNotContain($"{Canaries}.CanaryHandlerBase", result.InspectedTypes);
        Assert.Equal(5, result.Violations.Count);
    }

    [Theory]
    [InlineData("ClassRequest", "not a record")]
    [InlineData("ClassCommandViaInterface", "not a record")]
    [InlineData("UnitRequest", "not a record")]
    [InlineData("MutableRecordRequest", "mutable property MutableRecordRequest.Amount")]
    [InlineData("RecordWithWritableField", "writable field RecordWithWritableField.Amount")]
    public void Canary_the_request_rule_catches_classes_and_mutable_records(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.RequestsAreImmutableRecords(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_request_rule_accepts_positional_and_init_only_records()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.RequestsAreImmutableRecords(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Clean(result, $"{Canaries}.CanaryQuery");
        RuleAssert.Clean(result, $"{Canaries}.GoodCommand");
        RuleAssert.Clean(result, $"{Canaries}.GoodInitRequest");
    }
}
