using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>Holds a running job at its next round boundary.</summary>
    public Task<JobStatusInfo> PauseJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).PauseAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Resumes a paused job from the round it stopped at.</summary>
    public Task<JobStatusInfo> ResumeJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).ResumeAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Changes a running or paused job's base learning rate from its next round on; recorded in its history.</summary>
    public Task<JobStatusInfo> SetLearningRateAsync(string job, double learningRate, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).SetLearningRateAsync(learningRate).WaitAsync(cancellationToken);
    }

    /// <summary>Metrics of committed rounds from <paramref name="fromRound"/> on, at most <paramref name="maxCount"/>.</summary>
    public Task<RoundMetrics[]> GetMetricsAsync(string job, long fromRound = 0, int maxCount = 100_000, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).GetMetricsAsync(fromRound, maxCount).WaitAsync(cancellationToken);
    }

    /// <summary>Continues a completed job to <paramref name="maxRounds"/> rounds from where it stopped; recorded in its history.</summary>
    public Task<JobStatusInfo> ContinueJobAsync(string job, int maxRounds, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).ContinueAsync(maxRounds).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes a finished job and everything it owns in the cluster (state, weights, metrics, solver keys); its name is
    /// free afterwards. A job whose delete was cut off is finished by deleting it again.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job is running or paused: cancel it first.</exception>
    /// <exception cref="KeyNotFoundException">No job has this name.</exception>
    public Task DeleteJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).DeleteAsync().WaitAsync(cancellationToken);
    }
}
