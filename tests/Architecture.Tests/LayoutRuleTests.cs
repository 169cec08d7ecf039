using CleanPrepay.Architecture.Tests.Canaries.Layout;
using CleanPrepay.Architecture.Tests.Engine;

namespace CleanPrepay.Architecture.Tests;

/// <summary>Rule 7 (ADR 0034): one layout, a folder per use case, one type per file named after it.</summary>
public sealed class LayoutRuleTests
{
    private const string Application = "CleanPrepay.Application";
    private const string Canaries = "CleanPrepay.Architecture.Tests.Canaries.Layout";

    // ---- (a) a folder per use case ---------------------------------------------------------------

    [Fact]
    public void Every_request_lives_in_its_use_case_namespace_with_its_handler()
    {
        using var application = Layers.Application();
        RuleAssert.NoViolations(ArchitectureRules.RequestsLiveInTheirUseCaseFolder(application.Module, Application));
    }

    [Fact]
    public void Canary_the_use_case_rule_finds_the_real_requests_and_handlers()
    {
        using var application = Layers.Application();
        var result = ArchitectureRules.RequestsLiveInTheirUseCaseFolder(application.Module, Application);

        Assert.Equal("CleanPrepay.Application", result.Assembly);
        Assert.True(result.InspectedTypes.Count > 40, $"Only {result.InspectedTypes.Count} requests found.");
        Assert.Contains("CleanPrepay.Application.Wallets.TopUpWallet.TopUpWalletCommand", result.InspectedTypes);
        Assert.Contains("CleanPrepay.Application.Coupons.ApplyCouponToOrder.ApplyCouponToOrderCommand", result.InspectedTypes);
    }

    [Theory]
    [InlineData("Widgets.GetWidgetQuery", "a namespace other than")]
    [InlineData("Widgets.Bundle.RenameWidgetCommand", "a namespace other than")]
    [InlineData("Admin.Widgets.PaintWidget.PaintWidgetCommand", "a namespace other than")]
    [InlineData("Widgets.DeleteWidget.DeleteWidgetCommand", "its handler")]
    [InlineData("Widgets.DeleteWidget.DeleteWidgetCommand", "its validator")]
    [InlineData("Widgets.ShipWidget.ShipWidgetCommand", "its validator")]
    [InlineData("Widgets.Requests.WidgetRequest", "ends neither in Command nor in Query")]
    [InlineData("Widgets.ArchiveWidget.ArchiveWidgetCommand", "no handler")]
    [InlineData("Widgets.Nested+CountWidgetsQuery", "a namespace other than")]
    public void Canary_the_use_case_rule_catches_a_request_out_of_its_folder(string canary, string forbidden)
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.RequestsLiveInTheirUseCaseFolder(tests.Module, Canaries, [$"{Canaries}.Widgets.LegacyWidgetCommand"]);

        RuleAssert.Reports(result, $"{Canaries}.{canary}", forbidden);
    }

    [Fact]
    public void Canary_the_use_case_rule_accepts_a_use_case_folder_its_validators_and_an_exempt_request()
    {
        using var tests = Layers.Canaries();
        var result = ArchitectureRules.RequestsLiveInTheirUseCaseFolder(tests.Module, Canaries, [$"{Canaries}.Widgets.LegacyWidgetCommand"]);

        RuleAssert.Clean(result, $"{Canaries}.Widgets.MakeWidget.MakeWidgetCommand");
        RuleAssert.Clean(result, $"{Canaries}.Widgets.FindWidget.FindWidgetQuery");
        RuleAssert.Clean(result, $"{Canaries}.Widgets.LegacyWidgetCommand");
        Assert.Equal(9, result.Violations.Count);
    }

    // ---- (b) one type per file -------------------------------------------------------------------

    [Fact]
    public void Every_Application_file_declares_one_type_named_like_the_file()
    {
        RuleAssert.NoViolations(SourceLayout.OneTypePerFileNamedAfterIt(ApplicationSources()));
    }

    [Fact]
    public void Canary_the_file_rule_reads_the_real_Application_sources()
    {
        var result = SourceLayout.OneTypePerFileNamedAfterIt(ApplicationSources());

        Assert.True(result.InspectedTypes.Count > 150, $"Only {result.InspectedTypes.Count} files read.");
        Assert.Contains("src/Application/Wallets/TopUpWallet/TopUpWalletHandler.cs", result.InspectedTypes);
        Assert.Equal(["SettingsCache"], SourceLayout.TopLevelTypes(File.ReadAllText(Path.Combine(RepositoryRoot(), "src/Application/Settings/SettingsCache.cs"))));
    }

    [Theory]
    [InlineData(nameof(SourceCanaries.TwoTypes), "2 top-level types (Widget, WidgetDto)")]
    [InlineData(nameof(SourceCanaries.WrongName), "type Gadget in a file named")]
    [InlineData(nameof(SourceCanaries.BlockNamespaces), "2 top-level types (Widget, Gadget)")]
    [InlineData(nameof(SourceCanaries.RecordAfterPositionalRecord), "2 top-level types (Widget, WidgetMade)")]
    public void Canary_the_file_rule_catches_two_types_or_a_wrong_name(string canary, string forbidden)
    {
        var result = SourceLayout.OneTypePerFileNamedAfterIt(SourceCanaries.Files());

        RuleAssert.Reports(result, $"Canaries/{canary}/Widget.cs", forbidden);
    }

    [Theory]
    [InlineData(nameof(SourceCanaries.Good))]
    [InlineData(nameof(SourceCanaries.NestedRecord))]
    [InlineData(nameof(SourceCanaries.KeywordsInCommentsStringsAndConstraints))]
    [InlineData(nameof(SourceCanaries.GenericArities))]
    public void Canary_the_file_rule_accepts_one_type_with_nested_types_and_lookalikes(string canary)
    {
        var result = SourceLayout.OneTypePerFileNamedAfterIt(SourceCanaries.Files());

        RuleAssert.Clean(result, $"Canaries/{canary}/Widget.cs");
    }

    private static IEnumerable<(string Path, string Text)> ApplicationSources()
    {
        var root = RepositoryRoot();
        var application = Path.Combine(root, "src", "Application");
        return Directory.EnumerateFiles(application, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CleanPrepay.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CleanPrepay.sln above {AppContext.BaseDirectory}.");
    }
}
