using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Where the admin console's build and the test artifacts are.</summary>
public static class AdminBinary
{
    /// <summary>The repository root (the folder of OrleansTrainer.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The console's <c>OrleansTrainer.Admin.dll</c> in its own build output (same configuration as the tests).</summary>
    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(RepositoryRoot, "src", "OrleansTrainer.Admin", "bin", configuration, "net10.0", "OrleansTrainer.Admin.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"No build of the admin console at {path}; run dotnet build first.");
        }
    }

    /// <summary>The dotnet host.</summary>
    public static string Dotnet => SiloBinary.DotnetHost();

    /// <summary>The folder screenshots go to: <c>tests/artifacts/admin</c> (git-ignored).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "tests", "artifacts", "admin")).FullName;

    /// <summary>The path of the artifact (a screenshot) named <paramref name="name"/>.</summary>
    public static string Artifact(string name) => Path.Combine(Artifacts, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansTrainer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansTrainer.sln above {AppContext.BaseDirectory}.");
    }
}
