using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// One way of solving a job, in one place: which specs it takes (alone and on a dataset), whether its learning rate may
/// change while it runs, whether its rounds draw mini-batches, and the driver that runs its rounds — which also owns its
/// stopping rule and the state it persists with the trainer. The trainer and the validator ask the descriptor that
/// <see cref="SolverRegistry"/> gives for a spec; nothing else decides by the solver.
/// </summary>
internal interface ISolver
{
    /// <summary>The solver's name in messages.</summary>
    string Name { get; }

    /// <summary>Whether each round uses <see cref="JobSpec.BatchSize"/> rows drawn per epoch (split over the shards) rather than every row.</summary>
    bool SamplesBatches { get; }

    /// <summary>Refuses what this solver cannot do with the spec alone.</summary>
    /// <exception cref="ArgumentException">The spec asks for something the solver cannot do; the message names it.</exception>
    void Validate(JobSpec spec);

    /// <summary>Refuses what this solver cannot do on the dataset (sparse rows, for most).</summary>
    /// <exception cref="ArgumentException">The pair cannot run; the message names the dataset and the reason.</exception>
    void ValidateAgainst(JobSpec spec, DatasetInfo dataset);

    /// <summary>Whether a running job's learning rate may change (it has one fixed rate that the blocks apply).</summary>
    bool HasAdjustableLearningRate(JobSpec spec);

    /// <summary>The driver of the job's rounds, continuing from what the trainer persisted.</summary>
    Task<IRoundDriver> CreateDriverAsync(SolverContext context);
}
