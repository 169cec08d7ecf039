namespace CleanPrepay.Gateways.ContractTests.Support;

/// <summary>Where the providers' published specs are: ../shared/gateway-specs beside the checkout (never copied in); where each file comes from: docs/reference/providers.md.</summary>
public static class Specs
{
    public static string Root { get; } = FindRoot();

    public static string Stripe(string file) => Path.Combine(Root, "stripe", file);

    public static string PayPal(string file) => Path.Combine(Root, "paypal", file);

    /// <summary>The checkout's root: the folder holding CleanPrepay.sln.</summary>
    public static string Repo { get; } = FindRepo();

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CleanPrepay.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CleanPrepay.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("CLEANPREPAY_GATEWAY_SPECS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(FindRepo()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "gateway-specs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("../shared/gateway-specs was not found beside the checkout (set CLEANPREPAY_GATEWAY_SPECS).");
    }
}
