using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 2: Application references no Infrastructure, no WebApi, no database provider, no ASP.NET Core.</summary>
public sealed class ApplicationRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Application";

    [Fact]
    public void Application_references_no_outer_layer_no_database_provider_and_no_AspNetCore()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(ArchitectureRules.ApplicationDoesNotDependOnOuterLayers(application.Module));
    }

    [Fact]
    public void Canary_the_rule_reads_the_real_Application_assembly_and_sees_its_allowed_dependencies()
    {
        using var application = Layers.Application();
        var result = ArchitectureRules.ApplicationDoesNotDependOnOuterLayers(application.Module);

        Assert.Equal("CleanPrepay.Application", result.Assembly);
        Assert.True(result.InspectedTypes.Count > 20, $"Only {result.InspectedTypes.Count} Application types inspected.");
        Assert.Contains("CleanPrepay.Application.Customers.CreateCustomer.CreateCustomerHandler", result.InspectedTypes);
        // The rule sees the dependencies it allows; it would see forbidden ones the same way.
        Assert.Superset(
            new HashSet<string>(["CleanPrepay.Domain", "MediatR", "Microsoft.EntityFrameworkCore", "FluentValidation"]),
            result.SeenAssemblies.ToHashSet());
        // An EF Core extension method called inside a handler's async state machine.
        Assert.Contains("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", result.SeenTypes);
    }

    [Theory]
    [InlineData("UsesEfCoreRelational", "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions [Microsoft.EntityFrameworkCore.Relational]")]
    [InlineData("UsesSqliteProvider", "Microsoft.EntityFrameworkCore.SqliteDbContextOptionsBuilderExtensions [Microsoft.EntityFrameworkCore.Sqlite]")]
    [InlineData("UsesNpgsqlProvider", "Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions [Npgsql.EntityFrameworkCore.PostgreSQL]")]
    [InlineData("UsesMicrosoftDataSqlite", "Microsoft.Data.Sqlite.SqliteConnection [Microsoft.Data.Sqlite]")]
    [InlineData("UsesInfrastructure", "CleanPrepay.Infrastructure.Persistence.CleanPrepayDbContext [CleanPrepay.Infrastructure]")]
    [InlineData("UsesWebApi", "Program [CleanPrepay.WebApi]")]
    [InlineData("UsesAspNetCore", "Microsoft.AspNetCore.Http.HttpContext [")]
    public void Canary_the_rule_catches_outer_layers_and_providers(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.ApplicationDoesNotDependOnOuterLayers(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_rule_allows_the_Domain_EF_Core_and_MediatR()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.ApplicationDoesNotDependOnOuterLayers(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Clean(result, $"{Canaries}.CleanApplicationCode");
    }

    [Fact]
    public void Canary_an_assembly_reference_to_a_provider_or_an_outer_layer_is_a_violation()
    {
        using var fake = InMemoryAssembly.Build("CleanPrepay.Application", module =>
        {
            InMemoryAssembly.AddTypeTouching(module, "CleanPrepay.Application.Wallets", "TopUpWalletHandler",
                InMemoryAssembly.ExternalType(module, "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore", "DbSet`1"));
            InMemoryAssembly.Reference(module, "Npgsql");
            InMemoryAssembly.Reference(module, "CleanPrepay.WebApi");
        });

        var result = ArchitectureRules.ApplicationDoesNotDependOnOuterLayers(fake.Module);

        RuleAssert.Reports(result, "<assembly CleanPrepay.Application>", "assembly Npgsql", "assembly reference");
        RuleAssert.Reports(result, "<assembly CleanPrepay.Application>", "assembly CleanPrepay.WebApi", "assembly reference");
        Assert.DoesNotContain(result.Violations, v => v.Forbidden.Contains("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}

/// <summary>Rule 3: Infrastructure references no WebApi.</summary>
public sealed class InfrastructureRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Infrastructure";

    [Fact]
    public void Infrastructure_references_no_WebApi()
    {
        using var infrastructure = Layers.Infrastructure();
        RuleAssert.NoViolations(ArchitectureRules.InfrastructureDoesNotDependOnWebApi(infrastructure.Module));
    }

    [Fact]
    public void Canary_the_rule_reads_the_real_Infrastructure_assembly()
    {
        using var infrastructure = Layers.Infrastructure();
        var result = ArchitectureRules.InfrastructureDoesNotDependOnWebApi(infrastructure.Module);

        Assert.Equal("CleanPrepay.Infrastructure", result.Assembly);
        Assert.True(result.InspectedTypes.Count > 10, $"Only {result.InspectedTypes.Count} Infrastructure types inspected.");
        Assert.Contains("CleanPrepay.Infrastructure.Persistence.CleanPrepayDbContext", result.InspectedTypes);
        Assert.Superset(
            new HashSet<string>(["CleanPrepay.Application", "CleanPrepay.Domain", "Microsoft.EntityFrameworkCore"]),
            result.SeenAssemblies.ToHashSet());
    }

    [Theory]
    [InlineData("UsesWebApiProgram", "Program [CleanPrepay.WebApi]")]
    [InlineData("UsesWebApiRoles", "CleanPrepay.WebApi.Auth.Roles [CleanPrepay.WebApi]")]
    public void Canary_the_rule_catches_WebApi(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.InfrastructureDoesNotDependOnWebApi(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_rule_allows_Application_and_EF_Core_Relational()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.InfrastructureDoesNotDependOnWebApi(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Clean(result, $"{Canaries}.CleanInfrastructureCode");
    }

    [Fact]
    public void Canary_an_assembly_reference_to_WebApi_is_a_violation()
    {
        using var fake = InMemoryAssembly.Build("CleanPrepay.Infrastructure", module =>
        {
            InMemoryAssembly.AddTypeTouching(module, "CleanPrepay.Infrastructure.Persistence", "UnitOfWork", referenced: null);
            InMemoryAssembly.Reference(module, "CleanPrepay.WebApi");
        });

        RuleAssert.Reports(ArchitectureRules.InfrastructureDoesNotDependOnWebApi(fake.Module),
            "<assembly CleanPrepay.Infrastructure>", "assembly CleanPrepay.WebApi", "assembly reference");
    }
}
