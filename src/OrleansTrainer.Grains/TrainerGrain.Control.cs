using System.Globalization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The control protocol: pause, resume and learning-rate changes. Grain calls never interleave with the timer tick
/// that drives rounds, so each of these runs between two rounds — at a round boundary — and is persisted, with its
/// entry in the job's history (naming the caller's <see cref="JobActor"/>, if any), before it returns.
/// </summary>
public sealed partial class TrainerGrain
{
    /// <inheritdoc />
    public async Task<JobStatusInfo> PauseAsync()
    {
        switch (RequireJob().Status)
        {
            case JobStatus.Running:
                await PersistAsync(state.State.WithEvent(JobEventKind.Paused, JobActor.Attribute("")) with { Status = JobStatus.Paused });
                _timer?.Dispose();
                _timer = null;
                LogControl(Name, "paused", state.State.Round);
                break;
            case JobStatus.Paused:
                break;
            default:
                throw new InvalidOperationException($"Job \"{Name}\" is {state.State.Status}; only a running job can be paused.");
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<JobStatusInfo> ResumeAsync()
    {
        switch (RequireJob().Status)
        {
            case JobStatus.Paused:
                await RegisterWatchdogAsync();
                await PersistAsync(state.State.WithEvent(JobEventKind.Resumed, JobActor.Attribute("")) with { Status = JobStatus.Running });
                _history.Running();
                StartTimer();
                LogControl(Name, "resumed", state.State.Round);
                break;
            case JobStatus.Running:
                break;
            default:
                throw new InvalidOperationException($"Job \"{Name}\" is {state.State.Status}; only a paused job can be resumed.");
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<JobStatusInfo> SetLearningRateAsync(double learningRate)
    {
        var job = RequireJob();
        var spec = job.Spec!;
        if (!SolverRegistry.For(spec).HasAdjustableLearningRate(spec))
        {
            throw new InvalidOperationException($"Job \"{Name}\" ({spec.Solver}, {spec.Consistency}) has no fixed learning rate to change.");
        }

        if (job.Status is not (JobStatus.Running or JobStatus.Paused))
        {
            throw new InvalidOperationException($"Job \"{Name}\" is {job.Status}; the learning rate of a finished job cannot change.");
        }

        var changed = spec with { LearningRate = learningRate };
        JobSpecValidator.Validate(changed);
        if (learningRate != spec.LearningRate)
        {
            await PersistAsync(state.State.WithEvent(JobEventKind.LearningRateChanged,
                JobActor.Attribute(string.Create(CultureInfo.InvariantCulture, $"learning rate {spec.LearningRate:G6} -> {learningRate:G6}"))) with { Spec = changed });

            // The blocks apply the step, so they take the new spec now; were this cut off, the next driver (built on
            // activation or after a failed round) hands the persisted spec to the blocks again before any round runs.
            _driver = null;
            await UpdateBlockSpecsAsync(changed);
            LogControl(Name, $"learning rate set to {learningRate.ToString("G6", CultureInfo.InvariantCulture)}", state.State.Round);
        }

        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<JobStatusInfo> ContinueAsync(int maxRounds)
    {
        var job = RequireJob();
        var spec = job.Spec!;
        if (job.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"Job \"{Name}\" is {job.Status}; only a completed job can be continued.");
        }

        if (job.Validation is { } progress && spec.Validation is { Patience: > 0 } validation && progress.SinceBest >= validation.Patience)
        {
            throw new InvalidOperationException($"Job \"{Name}\" stopped early; its model is round {progress.BestRound}'s. Start a new job from it instead.");
        }

        if (maxRounds <= job.Round)
        {
            throw new ArgumentException($"Job \"{Name}\" has run {job.Round} rounds; the new MaxRounds must exceed that, not {maxRounds}.");
        }

        if (job.Checkpoint?.StoppedReason is { } stopped)
        {
            throw new InvalidOperationException($"Job \"{Name}\" has nothing to continue: its solver stopped ({stopped}), and more rounds would not move it. Start a new job from its model (InitialModel) with a smaller GradientTolerance instead.");
        }

        var continued = spec with { MaxRounds = maxRounds };
        JobSpecValidator.Validate(continued);
        if ((await TrainedOnAsync(spec)).Refusal is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }
        var next = job.WithEvent(JobEventKind.Continued, JobActor.Attribute(string.Create(CultureInfo.InvariantCulture, $"max rounds {spec.MaxRounds} -> {maxRounds}"))) with
        {
            Spec = continued,
            Status = JobStatus.Running,
            Reason = "",
            FinishedAt = null,
            Validation = job.Validation is { } kept ? kept with { FinalTrain = null, FinalValidation = null } : null,
        };
        await RegisterWatchdogAsync();
        await PersistAsync(next);
        _driver = null;
        _history.Running();
        StartTimer();
        LogControl(Name, $"continued to {maxRounds} rounds", job.Round);
        return ToInfo();
    }

    private JobState RequireJob() =>
        state.State.Status == JobStatus.None ? throw new InvalidOperationException($"Job \"{Name}\" does not exist.") : state.State;

    private async Task<IRoundDriver> RecreateDriverAsync()
    {
        var spec = state.State.Spec!;
        await UpdateBlockSpecsAsync(spec);
        var (dataset, refusal) = await TrainedOnAsync(spec);
        // Permanent (RetryPolicy): the job fails at once, naming the dataset, rather than retrying a refusal for minutes.
        return refusal is null ? await CreateDriverAsync(JobContext.Create(spec, dataset)) : throw new InvalidDataException(refusal);
    }

    private Task UpdateBlockSpecsAsync(JobSpec spec) =>
        Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks).Select(b =>
            GrainFactory.WeightBlock(Name, b).UpdateSpecAsync(spec)));

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Job {Job}: {Action} at round {Round}")]
    private partial void LogControl(string job, string action, long round);
}
