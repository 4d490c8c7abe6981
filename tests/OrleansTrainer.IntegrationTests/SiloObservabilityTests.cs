using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>What an operator sees of a silo process running a job: its log lines and its Prometheus metrics.</summary>
public sealed partial class SiloObservabilityTests
{
    [Fact]
    public async Task A_silo_logs_the_start_and_the_completion_of_a_job()
    {
        var lines = new ConcurrentQueue<string>();
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 1, echo: lines.Enqueue);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await IngestDiabetesAsync(client);

        var (status, _) = await Training.RunAsync(client, ShortJob("logged"));

        Assert.Equal(JobStatus.Completed, status.Status);
        var log = string.Join('\n', lines);
        Assert.Contains("Job logged: started on diabetes", log, StringComparison.Ordinal);
        Assert.Contains($"Job logged: Completed after {status.Round} rounds", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_serves_the_round_duration_histogram_at_metrics_and_its_count_grows_with_rounds()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 1);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{cluster.Silos[0].HealthPort}/metrics"));
        await IngestDiabetesAsync(client);

        var (firstJob, _) = await Training.RunAsync(client, ShortJob("scraped-first"));
        var first = await http.GetStringAsync(metrics);
        var (secondJob, _) = await Training.RunAsync(client, ShortJob("scraped-second"));
        var second = await http.GetStringAsync(metrics);

        Assert.Equal(JobStatus.Completed, firstJob.Status);
        Assert.Equal(JobStatus.Completed, secondJob.Status);
        Assert.True(firstJob.Round > 0);
        Assert.Equal(firstJob.Round, TotalRoundCount(first, null));
        Assert.Equal(secondJob.Round, TotalRoundCount(second, "scraped-second"));
        Assert.Equal(firstJob.Round + secondJob.Round, TotalRoundCount(second, null));
        Assert.Contains("otrain_rounds_total{", second, StringComparison.Ordinal);
        Assert.Contains("otrain_round_loss{", second, StringComparison.Ordinal);
        Assert.Matches("(?m)^orleans_", second);
    }

    private static Task<DatasetInfo> IngestDiabetesAsync(TrainerClient client) =>
        client.CreateDatasetFromCsvAsync("diabetes", TestData.BundledPath("diabetes"), new CsvIngestOptions { LabelColumn = "progression", ShardCount = 2 });

    private static JobSpec ShortJob(string name) => new()
    {
        Name = name,
        Dataset = "diabetes",
        LearningRate = 0.1,
        MaxRounds = 20,
        Tolerance = 0,
        GradientTolerance = 0,
    };

    /// <summary>The <c>_count</c> of the total-round-duration histogram: of one job, or summed over all jobs when <paramref name="job"/> is null.</summary>
    private static long TotalRoundCount(string exposition, string? job) =>
        RoundDurationCount().Matches(exposition)
            .Where(m => m.Groups["labels"].Value.Contains("otrain_phase=\"total\"", StringComparison.Ordinal)
                        && (job is null || m.Groups["labels"].Value.Contains($"otrain_job=\"{job}\"", StringComparison.Ordinal)))
            .Sum(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^otrain_round_duration_seconds_count\{(?<labels>[^}]*)\} (?<count>\d+)")]
    private static partial Regex RoundDurationCount();
}
