using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The trainer's metrics (meter <see cref="Name"/>) and traces (activity source <see cref="Name"/>): a span per round
/// with the shards' pull, compute and push and the trainer's commit under it, and per committed round its count, phase
/// durations, loss, gradient norm and bytes moved; failed rounds and resumed jobs. docs/deploy.md lists the names.
/// </summary>
public static class TrainerTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "OrleansTrainer";

    /// <summary>The phase of a round in which a shard pulls the weights from the blocks.</summary>
    internal const string Pull = "pull";

    /// <summary>The phase of a round in which a shard computes its loss and gradient sums.</summary>
    internal const string Compute = "compute";

    /// <summary>The phase of a round in which a shard pushes its sums to the blocks.</summary>
    internal const string Push = "push";

    private const string Commit = "commit";
    private const string Total = "total";
    private const string JobTag = "otrain.job";
    private const string RoundTag = "otrain.round";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Rounds = Meter.CreateCounter<long>("otrain.rounds", "{round}", "Rounds committed.");

    private static readonly Histogram<double> RoundDuration = Meter.CreateHistogram("otrain.round.duration", "s",
        "Wall time of a committed round's phases: pull, compute and push (the slowest shard's), commit (the blocks') and total.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Gauge<double> Loss = Meter.CreateGauge<double>("otrain.round.loss", null, "Mean loss of the job's last committed round.");

    private static readonly Gauge<double> GradientNorm = Meter.CreateGauge<double>("otrain.round.gradient_norm", null, "Gradient norm of the job's last committed round.");

    private static readonly Counter<long> BytesMoved = Meter.CreateCounter<long>("otrain.round.bytes_moved", "By", "Bytes of weights and gradients the shards pulled and pushed.");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("otrain.round.failures", "{round}",
        "Rounds that failed; otrain.retried tells whether the trainer retries (transient error within the retry window) or fails the job.");

    private static readonly Counter<long> Recoveries = Meter.CreateCounter<long>("otrain.job.recoveries", "{job}",
        "Running jobs whose trainer was activated again (its silo died or left) and resumed from the persisted round.");

    /// <summary>Starts the span of one round of <paramref name="job"/>; null when nothing listens.</summary>
    internal static Activity? StartRound(string job, long round) =>
        Source.StartActivity("otrain.round")?.SetTag(JobTag, job).SetTag(RoundTag, round);

    /// <summary>Starts the span of the trainer's commit of a round (its state and metrics written); null when nothing listens.</summary>
    internal static Activity? StartCommit(string job, long round) =>
        Source.StartActivity("otrain.round.commit")?.SetTag(JobTag, job).SetTag(RoundTag, round);

    /// <summary>Starts the span of one shard's part of a round; null when nothing listens.</summary>
    internal static Activity? StartShardRound(string shard, long round) =>
        Source.StartActivity("otrain.shard.round")?.SetTag("otrain.shard", shard).SetTag(RoundTag, round);

    /// <summary>
    /// Records a finished shard phase (<see cref="Pull"/>, <see cref="Compute"/>, <see cref="Push"/>) as a child span of the current one,
    /// from the phase's <see cref="Stopwatch"/> start until now.
    /// </summary>
    internal static void ShardPhase(string phase, long startedTimestamp)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        using var span = Source.StartActivity("otrain.shard." + phase, ActivityKind.Internal, parentContext: default,
            startTime: now - Stopwatch.GetElapsedTime(startedTimestamp));
        span?.SetEndTime(now.UtcDateTime);
    }

    /// <summary>Records a committed round's metrics.</summary>
    internal static void RoundCommitted(string job, RoundMetrics metrics)
    {
        var jobTag = new KeyValuePair<string, object?>(JobTag, job);
        Rounds.Add(1, jobTag);
        RecordPhase(jobTag, Pull, metrics.PullMilliseconds);
        RecordPhase(jobTag, Compute, metrics.ComputeMilliseconds);
        RecordPhase(jobTag, Push, metrics.PushMilliseconds);
        RecordPhase(jobTag, Commit, metrics.CommitMilliseconds);
        RecordPhase(jobTag, Total, metrics.RoundMilliseconds);
        Loss.Record(metrics.Loss, jobTag);
        GradientNorm.Record(metrics.GradientNorm, jobTag);
        BytesMoved.Add(metrics.BytesMoved, jobTag);
    }

    /// <summary>Records a failed round on its span and in <c>otrain.round.failures</c>.</summary>
    internal static void RoundFailed(Activity? round, string job, Exception error, bool retried)
    {
        round?.SetStatus(ActivityStatusCode.Error, error.Message).AddException(error);
        Failures.Add(1, new KeyValuePair<string, object?>(JobTag, job), new KeyValuePair<string, object?>("otrain.retried", retried),
            new KeyValuePair<string, object?>("error.type", error.GetType().FullName));
    }

    /// <summary>Records that a running job's trainer resumed it after an activation.</summary>
    internal static void JobResumed(string job) => Recoveries.Add(1, new KeyValuePair<string, object?>(JobTag, job));

    /// <summary>Records a phase's duration; a phase the solver's rounds do not have (zero) is left out, except the total.</summary>
    private static void RecordPhase(KeyValuePair<string, object?> jobTag, string phase, double milliseconds)
    {
        if (milliseconds > 0 || phase == Total)
        {
            RoundDuration.Record(milliseconds / 1000, jobTag, new KeyValuePair<string, object?>("otrain.phase", phase));
        }
    }
}
