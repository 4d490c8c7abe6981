namespace OrleansTrainer.Deployment.Tests;

/// <summary>Paths in the repository these tests check.</summary>
internal static class Repository
{
    /// <summary>The repository root: the folder above the test binary that holds OrleansTrainer.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the root, given with forward slashes.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OrleansTrainer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansTrainer.sln above {AppContext.BaseDirectory}.");
    }
}
