using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Mini-batch SGD: every round the shards draw their share of <see cref="JobSpec.BatchSize"/> rows from seeded epoch
/// permutations and the blocks step (momentum, AdaGrad or Adam, L1 proximal step), in BSP, SSP or asynchronous
/// consistency. A mini-batch's gradient is a noisy estimate, so only MaxRounds stops it.
/// </summary>
internal sealed class MiniBatchSgdSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "MiniBatchSgd";

    /// <inheritdoc />
    public bool SamplesBatches => true;

    /// <inheritdoc />
    public void Validate(JobSpec spec) =>
        SpecRules.Require(spec.BatchSize >= 1, spec, $"BatchSize must be at least 1, not {spec.BatchSize}");

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset) => SpecRules.RequireBspOnSparse(spec, dataset);

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => spec.Consistency == ConsistencyMode.Bsp;

    /// <inheritdoc />
    public async Task<IRoundDriver> CreateDriverAsync(SolverContext context) =>
        context.Job.Spec.Consistency == ConsistencyMode.Bsp
            ? new BlockStepRounds(context.Operations, local: false, new StoppingRule(FullBatch: false), context.PreviousObjective)
            : await StaleRounds.ContinueAsync(context);
}
