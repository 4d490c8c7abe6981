using System.Diagnostics;
using System.Text.RegularExpressions;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>samples/local-cluster.sh, the runner people use from a shell, drives a real cluster a client can train on.</summary>
public sealed partial class LocalClusterScriptTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "otrain-script-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_script_starts_lists_kills_adds_and_stops_silos_under_a_running_job()
    {
        var up = await RunAsync("up", "2");
        var match = ClientLine().Match(up);
        Assert.True(match.Success, up);
        await using var client = await TrainerClient.ConnectAsync(new TrainerClientOptions
        {
            Redis = match.Groups["redis"].Value, ClusterId = match.Groups["cluster"].Value,
        });
        await Training.IngestAsync(client, "script", TestData.SyntheticRegressionCsv(5_000, 6, seed: 3), "y", 4);
        await client.StartJobAsync(new JobSpec { Name = "script-job", Dataset = "script", MaxRounds = 300, Tolerance = 0, LearningRate = 0.01 });

        Assert.Contains("silo-1 ended (KILL)", await RunAsync("kill", "silo-1"));
        Assert.Contains("silo-2 started", await RunAsync("add"));
        var list = await RunAsync("list");
        Assert.Matches(@"silo-1\s+\d+\s+down", list);
        Assert.Matches(@"silo-2\s+\d+\s+up", list);

        var status = await client.WaitForJobAsync("script-job", TimeSpan.FromMilliseconds(100), new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        Assert.Equal(JobStatus.Completed, status.Status);
        Assert.Equal(300, status.Round);
        Assert.Contains("cluster down", await RunAsync("down"));
        Assert.False(Directory.Exists(_stateDirectory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            RunAsync("down").GetAwaiter().GetResult();
        }
    }

    private async Task<string> RunAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "samples", "local-cluster.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OTRAIN_CLUSTER_DIR"] = _stateDirectory;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        Assert.True(process.ExitCode == 0, $"local-cluster.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
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

        throw new DirectoryNotFoundException("OrleansTrainer.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"export OTRAIN_CLUSTER=(?<redis>\S+) OTRAIN_CLUSTER_ID=(?<cluster>\S+)")]
    private static partial Regex ClientLine();
}
