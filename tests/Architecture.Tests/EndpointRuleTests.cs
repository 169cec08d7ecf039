using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 4: endpoints send through the mediator and never touch the DbContext.</summary>
public sealed class EndpointRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.WebApi.Endpoints";

    [Fact]
    public void Endpoints_never_touch_the_DbContext()
    {
        using var webApi = Layers.WebApi();
        RuleAssert.NoViolations(ArchitectureRules.EndpointsDoNotTouchPersistence(webApi.Module));
    }

    [Fact]
    public void Canary_the_rule_reads_the_real_endpoints_and_their_lambdas()
    {
        using var webApi = Layers.WebApi();
        var result = ArchitectureRules.EndpointsDoNotTouchPersistence(webApi.Module);

        Assert.Equal("CleanPrepay.WebApi", result.Assembly);
        var endpointClasses = result.InspectedTypes.Where(t => !t.Contains('+', StringComparison.Ordinal)).ToList();
        Assert.True(endpointClasses.Count > 3, $"Only {endpointClasses.Count} endpoint classes inspected: {string.Join(", ", endpointClasses)}");
        Assert.Contains("CleanPrepay.WebApi.Endpoints.WalletEndpoints", endpointClasses);
        Assert.Contains(result.InspectedTypes, t => t.StartsWith("CleanPrepay.WebApi.Endpoints.WalletEndpoints+<>c", StringComparison.Ordinal));
        // The handlers are lambdas that take IMediator: seen only if the closures are read.
        Assert.Contains("MediatR.IMediator", result.SeenTypes);
        Assert.DoesNotContain("Program", result.InspectedTypes);
    }

    [Theory]
    [InlineData("DbContextParameterEndpoints", "CleanPrepay.Infrastructure.Persistence.CleanPrepayDbContext [CleanPrepay.Infrastructure]")]
    [InlineData("ServiceLocatorEndpoints", "CleanPrepay.Infrastructure.Persistence.CleanPrepayDbContext [CleanPrepay.Infrastructure]")]
    [InlineData("PortInAsyncLambdaEndpoints", "CleanPrepay.Application.Abstractions.Persistence.IApplicationDbContext [CleanPrepay.Application]")]
    [InlineData("EfCoreEndpoints", "Microsoft.EntityFrameworkCore.DbContextOptions [Microsoft.EntityFrameworkCore]")]
    [InlineData("DerivedDbContextEndpoints", "CleanPrepay.Architecture.Tests.Canaries.WebApi.Persistence.CanaryReadDbContext [")]
    [InlineData("OutboxEndpoints", "CleanPrepay.Infrastructure.Persistence.Outbox.IOutboxHandler [CleanPrepay.Infrastructure]")]
    public void Canary_the_rule_catches_persistence_inside_endpoint_lambdas(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.EndpointsDoNotTouchPersistence(tests.Module, Canaries);

        var found = RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
        // The forbidden type is used inside the lambda, which the compiler moves to a nested closure class.
        Assert.Contains(found, v => v.Type.StartsWith($"{Canaries}.{canary}+", StringComparison.Ordinal));
    }

    [Fact]
    public void Canary_the_async_lambda_violation_is_found_in_the_state_machine_nested_in_the_closure()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.EndpointsDoNotTouchPersistence(tests.Module, Canaries);

        var found = RuleAssert.Reports(result, $"{Canaries}.PortInAsyncLambdaEndpoints", "IApplicationDbContext", "in method MoveNext");
        Assert.Contains(found, v => v.Type.Count(c => c == '+') == 2);
    }

    [Fact]
    public void Canary_the_rule_allows_the_mediator_and_ignores_the_composition_root()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.EndpointsDoNotTouchPersistence(tests.Module, Canaries);

        RuleAssert.Clean(result, $"{Canaries}.MediatorOnlyEndpoints");
        Assert.Contains("MediatR.IMediator", result.SeenTypes);
        Assert.DoesNotContain("CleanPrepay.Architecture.Tests.Canaries.WebApi.CompositionRoot", result.InspectedTypes);
        Assert.DoesNotContain(result.Violations, v => v.Type.Contains("CompositionRoot", StringComparison.Ordinal));
    }
}
