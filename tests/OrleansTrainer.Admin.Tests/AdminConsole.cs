using System.Globalization;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Admin.Tests;

/// <summary>
/// One admin console process (Production environment, a home folder of its own so that nothing is shared through
/// <c>~/.aspnet</c>), a client of a test cluster.
/// </summary>
public sealed class AdminConsole : IAsyncDisposable
{
    /// <summary>Where a console listens when not told: its default address.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:8080");

    private readonly ChildProcess _process;
    private readonly DirectoryInfo _home;

    private AdminConsole(ChildProcess process, DirectoryInfo home, Uri baseAddress)
    {
        _process = process;
        _home = home;
        BaseAddress = baseAddress;
    }

    /// <summary>The console's base address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the console printed last.</summary>
    public string Tail() => _process.Tail();

    /// <summary>
    /// Starts a console of <paramref name="cluster"/> with <paramref name="environment"/> and <paramref name="arguments"/>
    /// added, on a free loopback port (or, when <paramref name="defaultAddress"/>, without <c>--urls</c>), and waits until it listens.
    /// </summary>
    public static async Task<AdminConsole> StartAsync(LocalTrainerCluster cluster, IReadOnlyDictionary<string, string> environment, bool defaultAddress, params string[] arguments)
    {
        var baseAddress = defaultAddress ? DefaultAddress : new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}"));
        var home = Directory.CreateTempSubdirectory("otrain-admin-home-");
        var process = ChildProcess.Start("admin", AdminBinary.Dotnet,
        [
            AdminBinary.Dll, .. defaultAddress ? Array.Empty<string>() : ["--urls", baseAddress.ToString().TrimEnd('/')],
            $"--OrleansTrainer:Redis={cluster.Redis.ConnectionString}", $"--OrleansTrainer:ClusterId={cluster.ClusterId}",
            $"--OrleansTrainer:ServiceId={cluster.ServiceId}", .. arguments,
        ], new Dictionary<string, string>(environment) { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["HOME"] = home.FullName });
        await FreePort.WaitUntilListeningAsync(baseAddress.Port, TimeSpan.FromMinutes(2), () => process.HasExited ? process.Tail() : null, CancellationToken.None);
        return new AdminConsole(process, home, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
        _home.Delete(recursive: true);
    }
}
