namespace CleanPrepay.WebApi.IntegrationTests.Support;

public static class RepoPaths
{
    /// <summary>The checkout's root: the folder holding CleanPrepay.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
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
}
