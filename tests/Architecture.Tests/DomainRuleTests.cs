using CleanPrepay.Architecture.Tests.Engine;
using Mono.Cecil;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 1: the Domain references nothing of ours and no framework (docs/reference/style.md#layout: the BCL only).</summary>
public sealed class DomainRuleTests
{
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Domain";

    [Fact]
    public void Domain_references_no_other_layer_and_no_framework()
    {
        using var domain = Layers.Domain();
        RuleAssert.NoViolations(ArchitectureRules.DomainIsIndependent(domain.Module));
    }

    [Fact]
    public void Domain_references_the_BCL_only()
    {
        using var domain = Layers.Domain();
        RuleAssert.NoViolations(ArchitectureRules.DomainReferencesOnlyTheBcl(domain.Module));
    }

    [Fact]
    public void Canary_the_rule_reads_the_real_Domain_assembly_and_its_method_bodies()
    {
        using var domain = Layers.Domain();
        var result = ArchitectureRules.DomainIsIndependent(domain.Module);

        Assert.Equal("CleanPrepay.Domain", result.Assembly);
        Assert.True(result.InspectedTypes.Count > 10, $"Only {result.InspectedTypes.Count} Domain types inspected.");
        Assert.Contains("CleanPrepay.Domain.Monetary.Money", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Domain.Wallets.Wallet", result.InspectedTypes);
        Assert.Contains("System.Runtime", result.SeenAssemblies);
        // Money's constructor throws OverflowException: seen only if method bodies are read.
        Assert.Contains("System.OverflowException", result.SeenTypes);
    }

    [Theory]
    [InlineData("EfCoreInMethodBody", "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder [Microsoft.EntityFrameworkCore]", "newobj in method Build")]
    [InlineData("MediatRTypeofInMethodBody", "MediatR.IMediator [MediatR]", "ldtoken in method Probe")]
    [InlineData("MediatRFieldLoadInMethodBody", "MediatR.Unit [MediatR]", "ldsfld in method Nothing")]
    [InlineData("EfCoreGenericMethodArgument", "Microsoft.EntityFrameworkCore.EntityState [", "call in method Empty")]
    [InlineData("FluentValidationField", "FluentValidation.Results.ValidationResult [FluentValidation]", "field Result")]
    [InlineData("EfCoreGenericArgumentInField", "Microsoft.EntityFrameworkCore.EntityState [", "field States")]
    [InlineData("AutoMapperProperty", "AutoMapper.IMapper [AutoMapper]", "property Mapper")]
    [InlineData("NpgsqlParameter", "Npgsql.NpgsqlConnection [Npgsql]", "parameter connection of method Accepts")]
    [InlineData("SqliteReturnType", "Microsoft.Data.Sqlite.SqliteConnection [Microsoft.Data.Sqlite]", "return type of method Open")]
    [InlineData("FluentValidationBaseType", "FluentValidation.AbstractValidator`1 [FluentValidation]", "base type")]
    [InlineData("MediatRInterface", "MediatR.INotification [MediatR]", "interface")]
    [InlineData("AspNetCoreAttribute", "Microsoft.AspNetCore.Authorization.AuthorizeAttribute [", "attribute on the type")]
    [InlineData("EfCoreInAttributeArgument", "Microsoft.EntityFrameworkCore.DbContext [", "attribute on the type")]
    [InlineData("EfCoreGenericConstraint`1", "Microsoft.EntityFrameworkCore.DbContext [", "constraint on generic parameter")]
    [InlineData("EfCoreCatchClause", "Microsoft.EntityFrameworkCore.DbUpdateException [", "catch clause in method Attempt")]
    [InlineData("EfCoreInLambda", "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder [", "newobj")]
    [InlineData("EfCoreInAsyncMethod", "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder [", "newobj in method MoveNext")]
    [InlineData("TouchesOurApplicationAssembly", "CleanPrepay.Application.DependencyInjection [CleanPrepay.Application]", "ldtoken")]
    public void Canary_the_rule_catches_a_violation_in_every_place_a_type_can_be_named(string canary, string forbidden, string via)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.DomainIsIndependent(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden, via);
    }

    [Theory]
    [InlineData("EfCoreInLambda", "+<>c")]
    [InlineData("EfCoreInAsyncMethod", "+<LaterAsync>d__")]
    public void Canary_compiler_generated_nested_types_count_as_their_declaring_type(string canary, string nested)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.DomainIsIndependent(tests.Module, ArchitectureRules.InNamespace(Canaries));

        var found = RuleAssert.Reports(result, $"{Canaries}.{canary}", "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder");
        Assert.Contains(found, v => v.Type.StartsWith($"{Canaries}.{canary}{nested}", StringComparison.Ordinal));
    }

    [Fact]
    public void Canary_the_rules_stay_silent_on_BCL_only_code()
    {
        using var tests = Layers.Canaries();
        var scope = ArchitectureRules.InNamespace(Canaries);

        RuleAssert.Clean(ArchitectureRules.DomainIsIndependent(tests.Module, scope), $"{Canaries}.CleanDomainCode");
        RuleAssert.Clean(ArchitectureRules.DomainReferencesOnlyTheBcl(tests.Module, scope), $"{Canaries}.CleanDomainCode");
    }

    [Fact]
    public void Canary_the_BCL_only_rule_catches_any_other_assembly()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.DomainReferencesOnlyTheBcl(tests.Module, ArchitectureRules.InNamespace(Canaries));

        RuleAssert.Reports(result, $"{Canaries}.EfCoreInMethodBody", "[Microsoft.EntityFrameworkCore]");
        RuleAssert.Reports(result, $"{Canaries}.TouchesOurApplicationAssembly", "[CleanPrepay.Application]");
    }

    [Fact]
    public void Canary_an_assembly_reference_alone_is_a_violation()
    {
        using var fake = InMemoryAssembly.Build("CleanPrepay.Domain", module =>
        {
            InMemoryAssembly.AddTypeTouching(module, "CleanPrepay.Domain.Wallets", "Wallet", referenced: null);
            InMemoryAssembly.Reference(module, "Microsoft.EntityFrameworkCore");
            InMemoryAssembly.Reference(module, "CleanPrepay.Application");
            InMemoryAssembly.Reference(module, "Polly");
        });

        var result = ArchitectureRules.DomainIsIndependent(fake.Module);
        RuleAssert.Reports(result, "<assembly CleanPrepay.Domain>", "assembly Microsoft.EntityFrameworkCore", "assembly reference");
        RuleAssert.Reports(result, "<assembly CleanPrepay.Domain>", "assembly CleanPrepay.Application", "assembly reference");
        RuleAssert.Clean(result, "CleanPrepay.Domain.Wallets.Wallet");

        var bclOnly = ArchitectureRules.DomainReferencesOnlyTheBcl(fake.Module);
        RuleAssert.Reports(bclOnly, "<assembly CleanPrepay.Domain>", "assembly Polly", "assembly reference");
    }

    [Fact]
    public void Canary_a_type_named_only_by_namespace_is_a_violation_whatever_assembly_defines_it()
    {
        using var fake = InMemoryAssembly.Build("CleanPrepay.Domain", module =>
        {
            var smuggled = InMemoryAssembly.ExternalType(module, "Contoso.Data", "Microsoft.EntityFrameworkCore", "DbContext");
            InMemoryAssembly.AddTypeTouching(module, "CleanPrepay.Domain.Wallets", "Wallet", smuggled);
        });

        var result = ArchitectureRules.DomainIsIndependent(fake.Module);
        RuleAssert.Reports(result, "CleanPrepay.Domain.Wallets.Wallet", "Microsoft.EntityFrameworkCore.DbContext [Contoso.Data]", "ldtoken in method Probe");
    }

    [Fact]
    public void Canary_a_clean_fake_Domain_passes_both_rules()
    {
        using var fake = InMemoryAssembly.Build("CleanPrepay.Domain", module =>
            InMemoryAssembly.AddTypeTouching(module, "CleanPrepay.Domain.Wallets", "Wallet", module.ImportReference(typeof(decimal))));

        var independent = ArchitectureRules.DomainIsIndependent(fake.Module);
        var bclOnly = ArchitectureRules.DomainReferencesOnlyTheBcl(fake.Module);

        Assert.Contains("CleanPrepay.Domain.Wallets.Wallet", independent.InspectedTypes);
        RuleAssert.NoViolations(independent);
        RuleAssert.NoViolations(bclOnly);
    }

    [Fact]
    public void Canary_the_rule_reports_violations_in_the_failure_message()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.DomainIsIndependent(tests.Module, ArchitectureRules.InNamespace(Canaries));

        var failure = Assert.ThrowsAny<Exception>(() => RuleAssert.NoViolations(result));
        Assert.Contains($"{Canaries}.EfCoreInMethodBody -> Microsoft.EntityFrameworkCore.DbContextOptionsBuilder [Microsoft.EntityFrameworkCore] (via newobj in method Build)", failure.Message, StringComparison.Ordinal);
    }
}
