using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Grains;

namespace OrleansTrainer.Admin.Services;

/// <summary>Jobs: the catalog and trainer grains, their metrics and where their blocks are active.</summary>
public sealed class JobQueries(TrainerClient client, IClusterClient cluster, ClusterQueries placement, TimeProvider clock)
{
    /// <summary>Rounds the timing breakdown averages over.</summary>
    public const int TimingRounds = 20;

    /// <summary>Every job.</summary>
    public async Task<JobSummaryView[]> ListAsync() =>
        (await client.ListJobsAsync())
        .Select(j => new JobSummaryView(j.Name, j.Status, j.Round, j.Spec?.Dataset ?? "", j.Spec?.Model, j.Spec?.Solver, j.LastObjective, j.StartedAt, Elapsed(j),
            ValidationView.Of(j) is { } validation ? new WatchedValue(validation.Metric, validation.LatestValue) : null))
        .ToArray();

    /// <summary>One job; null when it does not exist.</summary>
    public async Task<JobDetailView?> GetAsync(string name)
    {
        if (!ResourceName.IsValid(name))
        {
            return null;
        }

        var info = await client.GetJobAsync(name);
        if (info.Status == JobStatus.None)
        {
            return null;
        }

        var recent = await client.GetMetricsAsync(name, Math.Max(0, info.Round - TimingRounds), TimingRounds);
        var blocks = await Task.WhenAll(Enumerable.Range(0, info.Spec?.WeightBlocks ?? 0).Select(async b =>
        {
            var key = GrainKeys.Child(name, b);
            return new BlockView(key, await placement.SiloOfAsync(cluster.WeightBlock(name, b)));
        }));
        var spec = info.Spec;
        var steerable = !info.IsFinished && spec is not null && SolverCapabilities.HasAdjustableLearningRate(spec);
        return new JobDetailView(info.Name, info.Status, info.Round, info.Reason, Elapsed(info), spec, ValidationView.Of(info), info.History, blocks,
            Timing(recent), steerable);
    }

    /// <summary>
    /// Round metrics from <paramref name="fromRound"/> on, with the validations among them (the loss chart polls
    /// this); null when the job does not exist.
    /// </summary>
    public async Task<MetricsView?> MetricsAsync(string name, long fromRound)
    {
        if (!ResourceName.IsValid(name))
        {
            return null;
        }

        var info = await client.GetJobAsync(name);
        if (info.Status == JobStatus.None)
        {
            return null;
        }

        var metrics = await client.GetMetricsAsync(name, Math.Max(0, fromRound), 5_000);
        var watched = ValidationView.Of(info)?.Metric;
        var validation = metrics
            .Select(m => m.Validation is { } v ? new ValidationPoint(m.Round, v.Loss, watched is { } metric ? v.Value(metric) : null) : null)
            .OfType<ValidationPoint>()
            .ToArray();
        return new MetricsView(name, info.Status, info.Round, metrics, watched, validation);
    }

    private double? Elapsed(JobStatusInfo info) =>
        info.StartedAt is { } started ? ((info.FinishedAt ?? clock.GetUtcNow()) - started).TotalSeconds : null;

    private static TimingView Timing(RoundMetrics[] rounds) => rounds.Length == 0
        ? new TimingView(0, 0, 0, 0, 0, 0)
        : new TimingView(rounds.Length, rounds.Average(r => r.RoundMilliseconds), rounds.Average(r => r.PullMilliseconds),
            rounds.Average(r => r.ComputeMilliseconds), rounds.Average(r => r.PushMilliseconds), rounds.Average(r => r.CommitMilliseconds));
}
