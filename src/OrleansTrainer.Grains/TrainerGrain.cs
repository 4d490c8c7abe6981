using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Orchestrates a job's synchronous (BSP) rounds. Starting a job returns at once; a grain timer drives the rounds,
/// a slice of rounds per tick, so status and control calls are served between rounds and no call nears Orleans'
/// response timeout. How a round runs depends on the solver (<see cref="IRoundDriver"/>).
/// </summary>
/// <remarks>
/// A reminder (the watchdog) re-activates the trainer of a running job after the silo that hosted it died; on
/// activation the trainer resumes from its persisted round. Rounds are idempotent (see the blocks), so a round cut off
/// half-way is simply run again.
/// </remarks>
public sealed partial class TrainerGrain(
    [PersistentState("trainer", TrainerStorage.ProviderName)] IPersistentState<JobState> state,
    MetricsLog metrics,
    StackExchange.Redis.IConnectionMultiplexer redis,
    RedisKeys keys,
    ReplicaAcknowledgement replicas,
    Microsoft.Extensions.Options.IOptions<TrainerOptions> options,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain, IRemindable
{
    private readonly RetryPolicy _retry = new(options.Value.RetryWindow);
    private SolverServices? _solverServices;
    private IGrainTimer? _timer;
    private IRoundDriver? _driver;
    private JobValidation? _validation;
    private ElasticPlacement? _placement;
    private readonly PendingHistory _history = new();

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == JobStatus.Running)
        {
            LogResuming(Name, state.State.Round);
            TrainerTelemetry.JobResumed(Name);
            _history.Add(JobEventKind.Recovered, state.State.Round, $"trainer activated on silo {RuntimeIdentity}; resuming at round {state.State.Round}");
            StartTimer();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && state.State.Status == JobStatus.Running)
        {
            // The silo is leaving (SIGTERM): wake this trainer on another silo now instead of at the next watchdog tick.
            // The call waits behind this deactivation, and Orleans forwards it to the new activation.
            LogHandingOver(Name, state.State.Round);
            _ = this.AsReference<ITrainerGrain>().GetStatusAsync();
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
            throw new InvalidOperationException($"Job \"{Name}\" already exists ({state.State.Status}); delete it first to reuse the name.");
        }

        var dataset = await GrainFactory.Dataset(spec.Dataset).GetInfoAsync();
        var context = JobContext.Create(spec, dataset);
        JobSpecValidator.ValidateValidationRows(spec, dataset,
            spec.Validation is { SplitsRows: false } validation ? await GrainFactory.Dataset(validation.Dataset).GetInfoAsync() : null);

        _solverServices = new SolverServices(redis, keys, Name);
        await Kept.DeleteAsync();
        await new RoundOperations(GrainFactory, context, options.Value.CarriedRoundParameters).InitializeBlocksAsync(context.InitialParameters());
        await metrics.ClearAsync(Name);
        await GrainFactory.JobCatalog().AddAsync(Name);
        var started = new JobState
        {
            Spec = context.Spec,
            Status = JobStatus.Running,
            StartedAt = DateTimeOffset.UtcNow,
            ShardRows = dataset.ShardRows,
            DatasetCreatedAt = dataset.CreatedAt,
            Columns = context.Layout.Columns,
            Outputs = context.Layout.Outputs,
        };
        state.State = started.WithEvent(JobEventKind.Started,
            $"{spec.Model}, {spec.Solver} on {spec.Dataset}{(spec.InitialModel is null ? "" : ", from an initial model")}");
        await RegisterWatchdogAsync();
        await state.WriteStateAsync();
        _driver = await CreateDriverAsync(context);
        LogStarted(Name, spec.Dataset, spec.Model, spec.Solver, dataset.ShardCount, spec.WeightBlocks);
        StartTimer();
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<JobStatusInfo> GetStatusAsync() => Task.FromResult(ToInfo());

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Status == JobStatus.Running)
        {
            await ReportStallAsync();
            _timer ??= StartTimer();
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <inheritdoc />
    public Task<RoundMetrics[]> GetMetricsAsync(long fromRound, int maxCount) =>
        metrics.ReadAsync(Name, Math.Max(0, fromRound), Math.Min(Math.Max(0, (int)Math.Min(int.MaxValue, state.State.Round - fromRound)), maxCount));

    /// <inheritdoc />
    public Task<JobStatusInfo> CancelAsync() => CancelForAsync("");

    /// <inheritdoc />
    public async Task<JobStatusInfo> CancelForAsync(string reason)
    {
        if (state.State.Status is JobStatus.Running or JobStatus.Paused or JobStatus.Created)
        {
            await FinishAsync(JobStatus.Cancelled, JobActor.Attribute($"cancelled at round {state.State.Round}{(reason.Length > 0 ? ": " + reason : "")}"));
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<TrainedModel> GetModelAsync()
    {
        var spec = state.State.Spec ?? throw new InvalidOperationException($"Job \"{Name}\" does not exist.");
        var (dataset, refusal) = await TrainedOnAsync(spec);
        if (refusal is not null)
        {
            throw new InvalidOperationException(refusal);
        }

        var context = JobContext.Create(spec, dataset);
        var layout = context.Layout;
        var (weights, intercepts) = context.RawModel(await ModelParametersAsync(context));
        return new TrainedModel
        {
            Job = Name,
            Model = spec.Model,
            FeatureNames = dataset.Schema.FeatureNames,
            Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(weights) },
            Intercepts = new PackedVector { Bytes = DenseBuffers.ToBytes(intercepts) },
            Intercept = intercepts[0],
            Outputs = layout.Outputs,
            Rounds = state.State.Round,
            Status = state.State.Status,
            Dataset = spec.Dataset,
            Spec = spec,
            LabelName = dataset.Schema.LabelName,
            FeatureCount = dataset.Schema.FeatureCount,
            Encoding = dataset.Schema.Encoding,
            TrainMetrics = state.State.Validation?.FinalTrain,
            ValidationMetrics = state.State.Validation?.FinalValidation ?? state.State.Validation?.Latest,
            BestRound = spec.Validation is { Patience: > 0 } ? state.State.Validation?.BestRound : null,
        };
    }

    private KeptWeights Kept => new(redis, keys, Name);

    /// <summary>
    /// The job's dataset, and why the job's weights cannot be read against it (null when they can): it was deleted, or
    /// deleted and ingested again under the same name, whose features and statistics would reinterpret the weights
    /// without a word.
    /// </summary>
    private async Task<(DatasetInfo Dataset, string? Refusal)> TrainedOnAsync(JobSpec spec)
    {
        var dataset = await GrainFactory.Dataset(spec.Dataset).GetInfoAsync();
        var refusal = dataset.Status == DatasetStatus.None
            ? $"Job \"{Name}\": its dataset \"{spec.Dataset}\" was deleted, and the job's weights are read against its features and statistics; export a job's model before deleting its dataset."
            : state.State.DatasetCreatedAt is { } trainedOn && dataset.CreatedAt != trainedOn
                ? string.Create(CultureInfo.InvariantCulture,
                    $"Job \"{Name}\" was trained on dataset \"{spec.Dataset}\" as ingested at {trainedOn:O}; that dataset was deleted and ingested again at {dataset.CreatedAt:O}, and the job's weights cannot be read against another dataset's features and statistics. Train a new job on it.")
                : null;
        return (dataset, refusal);
    }

    private async Task<IRoundDriver> CreateDriverAsync(JobContext context)
    {
        var operations = new RoundOperations(GrainFactory, context, options.Value.CarriedRoundParameters);
        _validation = context.Spec.Validation is { } validation
            ? new JobValidation(operations, validation.SplitsRows ? context.Dataset : await GrainFactory.Dataset(validation.Dataset).GetInfoAsync(), Kept)
            : null;
        return await SolverRegistry.For(context.Spec).CreateDriverAsync(new SolverContext(
            operations, _solverServices ??= new SolverServices(redis, keys, Name), state.State.Round, state.State.Checkpoint, () => state.State.LastObjective));
    }

    /// <summary>
    /// The solver parameters of the job's model: the kept best round's when the job finished with early stopping,
    /// else what the blocks hold.
    /// </summary>
    private async Task<double[]> ModelParametersAsync(JobContext context) =>
        state.State.Spec?.Validation is { Patience: > 0 } && state.State is { Status: JobStatus.Completed, Validation.BestRound: not null }
            ? await Kept.ReadAsync()
            : await new RoundOperations(GrainFactory, context, options.Value.CarriedRoundParameters).GatherAsync();

    private IGrainTimer StartTimer()
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(RunRoundsAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(1))
        {
            Interleave = false,
            KeepAlive = true,
        });
        return _timer;
    }

    private async Task RunRoundsAsync(CancellationToken cancellationToken)
    {
        var tickStarted = Stopwatch.GetTimestamp();
        if (state.State.Status == JobStatus.Running && options.Value.BalancePlacement)
        {
            try
            {
                _placement ??= new ElasticPlacement(GrainFactory, state.State.Silos);
                if (await _placement.CheckSilosAsync() is { } change)
                {
                    _history.Add(JobEventKind.SilosChanged, state.State.Round, change);
                }

                if (!_placement.Known.SequenceEqual(state.State.Silos))
                {
                    // Advisory, so it rides on the next write of the state rather than costing one of its own.
                    state.State = state.State with { Silos = _placement.Known };
                }

                await _placement.SpreadAsync(state.State.Spec!, state.State.ShardRows.Length);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSpreadFailed(ex, Name);
            }
        }

        while (state.State.Status == JobStatus.Running && !cancellationToken.IsCancellationRequested
               && Stopwatch.GetElapsedTime(tickStarted) < options.Value.TickBudget && DateTime.UtcNow >= _retry.NextAttempt)
        {
            using var span = TrainerTelemetry.StartRound(Name, state.State.Round);
            try
            {
                _driver ??= await RecreateDriverAsync();
                var outcome = await _driver.RunAsync(state.State.Round);
                await CommitRoundAsync(_validation is null ? outcome : await _validation.AfterRoundAsync(outcome, state.State.Validation));
                _retry.Reset();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _driver = null;
                LogRoundFailed(ex, Name, state.State.Round);
                _history.RoundFailed(state.State.Round, ex);
                await ReloadIfStorageRewoundAsync(state.State);
                var giveUp = _retry.GiveUpAfter(ex);
                TrainerTelemetry.RoundFailed(span, Name, ex, retried: !giveUp);
                if (giveUp)
                {
                    await FinishAsync(JobStatus.Failed, $"round {state.State.Round} failed: {ex.Message}");
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

    private async Task CommitRoundAsync(RoundOutcome outcome)
    {
        if (outcome.Metrics is not { } measured)
        {
            await FinishAsync(outcome.Stop ?? JobStatus.Failed, outcome.Reason);
            return;
        }

        using var span = TrainerTelemetry.StartCommit(Name, measured.Round);
        _history.RoundSucceeded(measured.Round);
        var roundMetrics = measured with { ElapsedMilliseconds = (DateTimeOffset.UtcNow - state.State.StartedAt!.Value).TotalMilliseconds };
        var driver = _driver!;
        var checkpoint = await driver.CheckpointAsync();
        var next = state.State with
        {
            Round = roundMetrics.Round + 1,
            LastObjective = roundMetrics.Objective,
            Checkpoint = checkpoint,
            Validation = outcome.Validation ?? state.State.Validation,
        };
        if (outcome.Stop is { } stop)
        {
            next = next.Finished(stop, outcome.Reason);
        }

        // Both writes describe the same committed round; on a crash between them the round is redone and both are
        // rewritten (the metrics list is trimmed to the round first), so they may go concurrently. If either fails,
        // memory goes back to the last recorded round and the round is redone (the blocks replay their commits).
        // With ReplicaAcks, what the record refers to (the metrics entry, the solver's vectors) is on the replicas
        // before the record is written, so a Redis failover cannot keep the record and lose them.
        var alongside = metrics.AppendAsync(Name, roundMetrics);
        if (replicas.IsEnabled)
        {
            await alongside;
            await replicas.WaitAsync();
            alongside = Task.CompletedTask;
        }

        await PersistAsync(next, alongside);
        TrainerTelemetry.RoundCommitted(Name, roundMetrics);

        if (checkpoint is not null)
        {
            try
            {
                await driver.CommittedAsync(checkpoint);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The round is committed; what the checkpoint dropped stays listed and goes with the next commit.
                LogCheckpointCleanupFailed(ex, Name);
            }
        }

        if (outcome.Stop is { } final)
        {
            await StopWatchdogAsync();
            LogFinished(Name, final, state.State.Round, outcome.Reason);
        }
    }

    private async Task FinishAsync(JobStatus status, string reason)
    {
        await PersistAsync(state.State.Finished(status, reason));
        await StopWatchdogAsync();
        LogFinished(Name, status, state.State.Round, reason);
    }

    /// <summary>Writes <paramref name="next"/> (with the pending history events) and <paramref name="alongside"/>; on failure memory goes back to the last written state.</summary>
    private async Task PersistAsync(JobState next, Task? alongside = null)
    {
        var before = state.State;
        state.State = _history.AppendTo(next);
        try
        {
            await Task.WhenAll(alongside ?? Task.CompletedTask, state.WriteStateAsync());
            _history.Written();
        }
        catch (Exception error)
        {
            state.State = before;
            if (error is Orleans.Storage.InconsistentStateException)
            {
                await ReloadIfStorageRewoundAsync(before);
            }

            throw;
        }
    }

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
        ShardRounds = _driver?.ShardRounds ?? [],
        History = [.. state.State.History],
        Validation = state.State.Validation?.Latest,
        BestRound = state.State.Validation?.BestRound,
        FinalTrainMetrics = state.State.Validation?.FinalTrain,
        FinalValidationMetrics = state.State.Validation?.FinalValidation,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: started on {Dataset} ({Model}, {Solver}) with {Shards} shards and {Blocks} weight blocks")]
    private partial void LogStarted(string job, string dataset, ModelKind model, SolverKind solver, int shards, int blocks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: resuming at round {Round}")]
    private partial void LogResuming(string job, long round);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: its silo is shutting down at round {Round}; handing over to another silo")]
    private partial void LogHandingOver(string job, long round);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: round {Round} failed; retrying unless the error is permanent")]
    private partial void LogRoundFailed(Exception exception, string job, long round);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: spreading grains onto new silos failed; the job goes on where its grains are")]
    private partial void LogSpreadFailed(Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: deleting solver state no longer used failed; the next round retries")]
    private partial void LogCheckpointCleanupFailed(Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: {Status} after {Rounds} rounds: {Reason}")]
    private partial void LogFinished(string job, JobStatus status, long rounds, string reason);
}
