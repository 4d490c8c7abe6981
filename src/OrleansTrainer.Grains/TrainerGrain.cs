using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Orchestrates a job's synchronous (BSP) rounds. Starting a job returns at once; a grain timer drives the rounds,
/// a slice of rounds per tick, so status and control calls are served between rounds and no call nears Orleans'
/// response timeout.
/// </summary>
public sealed partial class TrainerGrain(
    [PersistentState("trainer", TrainerStorage.ProviderName)] IPersistentState<JobState> state,
    MetricsLog metrics,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    /// <summary>How long one timer tick may keep driving rounds before it yields to other calls.</summary>
    private static readonly TimeSpan TickBudget = TimeSpan.FromMilliseconds(200);

    /// <summary>Consecutive failed attempts at one round before the job fails.</summary>
    private const int MaxRoundAttempts = 3;

    private IGrainTimer? _timer;
    private bool _cancelRequested;
    private int _failedAttempts;
    private string _lastError = "";

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == JobStatus.Running)
        {
            LogResuming(Name, state.State.Round);
            StartTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<JobStatusInfo> StartAsync(JobSpec spec)
    {
        JobSpecValidator.Validate(spec);
        if (spec.Name != Name)
        {
            throw new ArgumentException($"Job \"{spec.Name}\" was sent to the trainer of job \"{Name}\".");
        }

        if (state.State.Status != JobStatus.None)
        {
            throw new InvalidOperationException($"Job \"{Name}\" already exists ({state.State.Status}).");
        }

        var dataset = await GrainFactory.GetGrain<IDatasetGrain>(spec.Dataset).GetInfoAsync();
        JobSpecValidator.ValidateAgainst(spec, dataset);

        var columns = dataset.Schema.FeatureNames.Length;
        var layout = new BlockLayout(columns + (spec.FitIntercept ? 1 : 0), spec.WeightBlocks);
        var penaltyScale = PenaltyScale(spec, dataset, columns);
        await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks).Select(b =>
        {
            var (start, length) = layout.Range(b);
            return Block(b).InitializeAsync(new WeightBlockSetup
            {
                Start = start,
                Length = length,
                InitialWeights = new PackedVector { Bytes = new byte[length * sizeof(double)] },
                PenaltyScale = new PackedVector { Bytes = DenseBuffers.ToBytes(penaltyScale.AsSpan(start, length)) },
                ShardCount = dataset.ShardCount,
                Spec = spec,
            });
        }));

        await metrics.ClearAsync(Name);
        state.State = new JobState
        {
            Spec = spec,
            Status = JobStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
            ShardRows = dataset.ShardRows,
            Columns = columns,
        };
        await state.WriteStateAsync();
        LogStarted(Name, spec.Dataset, spec.Model, spec.Solver, dataset.ShardCount, spec.WeightBlocks);
        StartTimer();
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<JobStatusInfo> GetStatusAsync() => Task.FromResult(ToInfo());

    /// <inheritdoc />
    public Task<RoundMetrics[]> GetMetricsAsync(long fromRound, int maxCount) =>
        metrics.ReadAsync(Name, Math.Max(0, fromRound), Math.Min(Math.Max(0, (int)Math.Min(int.MaxValue, state.State.Round - fromRound)), maxCount));

    /// <inheritdoc />
    public async Task<JobStatusInfo> CancelAsync()
    {
        if (state.State.Status is JobStatus.Running or JobStatus.Paused or JobStatus.Created)
        {
            _cancelRequested = true;
            await FinishAsync(JobStatus.Cancelled, $"cancelled at round {state.State.Round}");
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<TrainedModel> GetModelAsync()
    {
        var spec = state.State.Spec ?? throw new InvalidOperationException($"Job \"{Name}\" does not exist.");
        var dataset = await GrainFactory.GetGrain<IDatasetGrain>(spec.Dataset).GetInfoAsync();
        var columns = state.State.Columns;
        var snapshots = await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks).Select(b => Block(b).GetSnapshotAsync()));
        var parameters = new double[columns + (spec.FitIntercept ? 1 : 0)];
        foreach (var snapshot in snapshots)
        {
            DenseBuffers.AsDoubles(snapshot.Weights.Bytes).CopyTo(parameters.AsSpan(snapshot.Start));
        }

        var weights = new double[columns];
        var intercept = spec.FitIntercept ? parameters[columns] : 0.0;
        if (spec.Standardize && dataset.Statistics is { } stats)
        {
            Standardization.ToRawModel(parameters.AsSpan(0, columns), intercept, DenseBuffers.AsDoubles(stats.FeatureMean.Bytes),
                Standardization.SafeScale(DenseBuffers.AsDoubles(stats.FeatureStandardDeviation.Bytes)), weights, out intercept);
        }
        else
        {
            parameters.AsSpan(0, columns).CopyTo(weights);
        }

        return new TrainedModel
        {
            Job = Name,
            Model = spec.Model,
            FeatureNames = dataset.Schema.FeatureNames,
            Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(weights) },
            Intercept = intercept,
            Rounds = state.State.Round,
            Status = state.State.Status,
        };
    }

    private static double[] PenaltyScale(JobSpec spec, DatasetInfo dataset, int columns)
    {
        var scale = new double[columns + (spec.FitIntercept ? 1 : 0)];
        var std = spec.Standardize
            ? Standardization.SafeScale(DenseBuffers.AsDoubles(dataset.Statistics!.FeatureStandardDeviation.Bytes))
            : null;
        for (var j = 0; j < columns; j++)
        {
            scale[j] = std is null ? 1.0 : 1.0 / (std[j] * std[j]);
        }

        return scale;
    }

    private void StartTimer()
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(RunRoundsAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1))
        {
            Interleave = false,
            KeepAlive = true,
        });
    }

    private async Task RunRoundsAsync(CancellationToken cancellationToken)
    {
        var tickStarted = Stopwatch.GetTimestamp();
        while (state.State.Status == JobStatus.Running && !_cancelRequested && !cancellationToken.IsCancellationRequested
               && Stopwatch.GetElapsedTime(tickStarted) < TickBudget)
        {
            try
            {
                await RunRoundAsync();
                _failedAttempts = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failedAttempts++;
                _lastError = ex.Message;
                LogRoundFailed(ex, Name, state.State.Round, _failedAttempts);
                if (_failedAttempts >= MaxRoundAttempts)
                {
                    await FinishAsync(JobStatus.Failed, $"round {state.State.Round} failed {_failedAttempts} times: {_lastError}");
                }

                return;
            }
        }

        if (state.State.Status != JobStatus.Running)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private async Task RunRoundAsync()
    {
        var spec = state.State.Spec!;
        var round = state.State.Round;
        var started = Stopwatch.GetTimestamp();
        var shardCount = state.State.ShardRows.Length;
        var batchRows = BatchRows(spec, state.State.ShardRows);
        var results = await Task.WhenAll(Enumerable.Range(0, shardCount).Select(s =>
            GrainFactory.GetGrain<IDataShardGrain>(GrainKeys.Child(spec.Dataset, s)).RunRoundAsync(new ShardRoundRequest
            {
                Job = Name,
                Round = round,
                ShardIndex = s,
                Model = spec.Model,
                FitIntercept = spec.FitIntercept,
                Standardize = spec.Standardize,
                WeightBlocks = spec.WeightBlocks,
                BatchRows = batchRows[s],
                Seed = spec.Seed,
            })));

        double lossSum = 0;
        long rows = 0;
        double computeMs = 0;
        for (var s = 0; s < results.Length; s++)
        {
            if (!double.IsFinite(results[s].LossSum))
            {
                await FinishAsync(JobStatus.Failed, $"diverged: the loss of shard {s} is {results[s].LossSum} at round {round}; the weights of round {round} are kept");
                return;
            }

            lossSum += results[s].LossSum;
            rows += results[s].Rows;
            computeMs = Math.Max(computeMs, results[s].ComputeMilliseconds);
        }

        var commitStarted = Stopwatch.GetTimestamp();
        var commits = await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks).Select(b => Block(b).CommitAsync(round)));
        var commitMs = Stopwatch.GetElapsedTime(commitStarted).TotalMilliseconds;
        var loss = lossSum / rows;
        var objective = loss + commits.Sum(c => c.Penalty);
        var gradientNorm = Math.Sqrt(commits.Sum(c => c.GradientNormSquared));
        var previous = state.State.LastObjective;

        var roundMetrics = new RoundMetrics
        {
            Round = round,
            Loss = loss,
            Objective = objective,
            GradientNorm = gradientNorm,
            Rows = rows,
            LearningRate = GradientStep.LearningRateAt((LearningRateSchedule)spec.Schedule, spec.LearningRate, round),
            RoundMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ComputeMilliseconds = computeMs,
            CommitMilliseconds = commitMs,
        };
        state.State.Round = round + 1;
        state.State.LastObjective = objective;
        var stop = StoppingRule(spec, round + 1, previous, objective, gradientNorm);
        if (stop is not null)
        {
            MarkFinished(JobStatus.Completed, stop);
        }

        // Both writes describe the same committed round; on a crash between them the round is redone and both are
        // rewritten (the metrics list is trimmed to the round first), so they may go concurrently.
        await Task.WhenAll(metrics.AppendAsync(Name, roundMetrics), state.WriteStateAsync());
        if (stop is not null)
        {
            LogFinished(Name, JobStatus.Completed, state.State.Round, stop);
        }
    }

    private static string? StoppingRule(JobSpec spec, long committed, double previous, double objective, double gradientNorm)
    {
        if (!double.IsFinite(objective) || !double.IsFinite(gradientNorm))
        {
            return null;
        }

        var fullBatch = spec.Solver == SolverKind.GradientDescent;
        if (fullBatch && spec.GradientTolerance > 0 && gradientNorm <= spec.GradientTolerance)
        {
            return $"gradient norm {gradientNorm:G4} reached the tolerance {spec.GradientTolerance:G4}";
        }

        if (fullBatch && spec.Tolerance > 0 && double.IsFinite(previous)
            && Math.Abs(previous - objective) <= spec.Tolerance * Math.Max(Math.Abs(previous), double.Epsilon))
        {
            return $"relative objective change fell below {spec.Tolerance:G4}";
        }

        return committed >= spec.MaxRounds ? $"reached MaxRounds ({spec.MaxRounds})" : null;
    }

    private static int[] BatchRows(JobSpec spec, long[] shardRows)
    {
        var batch = new int[shardRows.Length];
        if (spec.Solver != SolverKind.MiniBatchSgd)
        {
            return batch;
        }

        var total = shardRows.Sum();
        for (var s = 0; s < batch.Length; s++)
        {
            var share = (long)Math.Round((double)spec.BatchSize * shardRows[s] / total);
            batch[s] = (int)Math.Clamp(share, Math.Min(1, shardRows[s]), shardRows[s]);
        }

        return batch;
    }

    private async Task FinishAsync(JobStatus status, string reason)
    {
        MarkFinished(status, reason);
        await state.WriteStateAsync();
        LogFinished(Name, status, state.State.Round, reason);
    }

    private void MarkFinished(JobStatus status, string reason)
    {
        state.State.Status = status;
        state.State.Reason = reason;
        state.State.FinishedAt = DateTimeOffset.UtcNow;
    }

    private IWeightBlockGrain Block(int index) => GrainFactory.GetGrain<IWeightBlockGrain>(GrainKeys.Child(Name, index));

    private JobStatusInfo ToInfo() => new()
    {
        Name = Name,
        Status = state.State.Status,
        Round = state.State.Round,
        Reason = state.State.Reason,
        Spec = state.State.Spec,
        StartedAt = state.State.StartedAt,
        FinishedAt = state.State.FinishedAt,
        LastObjective = state.State.LastObjective,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: started on {Dataset} ({Model}, {Solver}) with {Shards} shards and {Blocks} weight blocks")]
    private partial void LogStarted(string job, string dataset, ModelKind model, SolverKind solver, int shards, int blocks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: resuming at round {Round}")]
    private partial void LogResuming(string job, long round);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: round {Round} failed (attempt {Attempt})")]
    private partial void LogRoundFailed(Exception exception, string job, long round, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: {Status} after {Rounds} rounds: {Reason}")]
    private partial void LogFinished(string job, JobStatus status, long rounds, string reason);
}
