namespace OrleansTrainer.LocalCluster;

/// <summary>Finds the silo host's build output and the dotnet host that runs it, or a published silo executable.</summary>
public static class SiloBinary
{
    /// <summary>
    /// How to start a silo: the program, and the arguments that come before the silo's own. <c>OTRAIN_SILO_EXE</c>, if set,
    /// names a published silo executable (a self-contained publish runs where no .NET is installed), run directly;
    /// otherwise the dotnet host (<see cref="DotnetHost"/>) runs the silo's dll (<see cref="Locate"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The executable or the dll was not found.</exception>
    public static (string FileName, IReadOnlyList<string> Arguments) Command()
    {
        var executable = Environment.GetEnvironmentVariable("OTRAIN_SILO_EXE");
        if (!string.IsNullOrEmpty(executable))
        {
            return File.Exists(executable) ? (executable, []) : throw new FileNotFoundException($"OTRAIN_SILO_EXE points at {executable}, which does not exist.");
        }

        return (DotnetHost(), [Locate()]);
    }

    /// <summary>
    /// The silo's <c>OrleansTrainer.Silo.dll</c>: <c>OTRAIN_SILO_DLL</c> if set, else the build output of
    /// <c>src/OrleansTrainer.Silo</c> in the repository above this program, same configuration (Debug/Release) first.
    /// </summary>
    /// <exception cref="FileNotFoundException">No build of the silo was found.</exception>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("OTRAIN_SILO_DLL");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"OTRAIN_SILO_DLL points at {configured}, which does not exist.");
        }

        var root = RepositoryRoot();
        var preferred = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidates = new[] { preferred, preferred == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(root, "src", "OrleansTrainer.Silo", "bin", c, "net10.0", "OrleansTrainer.Silo.dll"));
        return candidates.FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"No build of the silo under {root}/src/OrleansTrainer.Silo/bin; run dotnet build first.");
    }

    /// <summary>The dotnet host: <c>DOTNET_HOST_PATH</c> (set by the SDK), else this process if it is dotnet, else <c>dotnet</c>.</summary>
    public static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansTrainer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException($"No OrleansTrainer.sln above {AppContext.BaseDirectory}; set OTRAIN_SILO_DLL to the silo's dll.");
    }
}
