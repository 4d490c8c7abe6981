using System.Diagnostics;
using System.Text.RegularExpressions;
using OrleansTrainer.Cli.Infrastructure;

namespace OrleansTrainer.Cli.Tests;

/// <summary><c>samples/local-cluster.sh up</c> prints the export line otrain needs and each silo's health endpoint, and both work.</summary>
public sealed class LocalClusterScriptTests
{
    [Fact]
    public async Task Up_prints_the_otrain_environment_and_the_health_endpoints()
    {
        var state = Path.Combine(Path.GetTempPath(), $"otrain-cluster-{Guid.NewGuid():N}");
        try
        {
            var up = await ScriptAsync(state, "up", "1");
            Assert.True(up.ExitCode == 0, up.Output);
            var exports = Regex.Match(up.Output, @"^export OTRAIN_CLUSTER=(\S+) OTRAIN_CLUSTER_ID=(\S+) OTRAIN_SERVICE_ID=(\S+)$", RegexOptions.Multiline);
            Assert.True(exports.Success, up.Output);
            Assert.Equal(exports.Value, (await ScriptAsync(state, "env")).Output.Trim());

            var health = Regex.Match(up.Output, @"health (http://127\.0\.0\.1:\d+/health/ready)");
            Assert.True(health.Success, up.Output);
            using var http = new HttpClient();
            Assert.True(await ReadyAsync(http, new Uri(health.Groups[1].Value)), $"{health.Groups[1].Value} is not ready after 60 s");

            var jobs = await Otrain.RunAsync("job", "list", "--json", "--cluster", exports.Groups[1].Value, "--cluster-id", exports.Groups[2].Value,
                "--service-id", exports.Groups[3].Value);
            Assert.True(jobs.ExitCode == ExitCodes.Success, jobs.ToString());
        }
        finally
        {
            await ScriptAsync(state, "down");
        }
    }

    // A silo serves its health endpoints before it has joined the cluster; ready comes a little later.
    private static async Task<bool> ReadyAsync(HttpClient http, Uri ready)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(250))
        {
            if ((await http.GetAsync(ready)).IsSuccessStatusCode)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<(int ExitCode, string Output)> ScriptAsync(string state, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["OTRAIN_CLUSTER_DIR"] = state } };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "samples", "local-cluster.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "samples", "local-cluster.sh")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException($"no samples/local-cluster.sh above {AppContext.BaseDirectory}");
        }

        return dir.FullName;
    }
}
