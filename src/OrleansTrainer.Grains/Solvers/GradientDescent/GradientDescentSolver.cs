using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Full-batch gradient descent: fixed steps taken by the blocks (with momentum, AdaGrad or Adam, and the L1 proximal
/// step), in BSP, SSP or asynchronous consistency; or, with <see cref="JobSpec.LineSearch"/>, steps chosen by backtracking
/// on the trainer (L-BFGS without memory). Stops on the gradient norm, the objective's relative change (default
/// <see cref="StoppingRule.DefaultTolerance"/>, with line search too) or MaxRounds; with line search the gradient test is
/// relative to the start's gradient, as L-BFGS's (<see cref="LbfgsSolver.Options"/>).
/// </summary>
internal sealed class GradientDescentSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "GradientDescent";

    /// <inheritdoc />
    public bool SamplesBatches => false;

    /// <inheritdoc />
    public void Validate(JobSpec spec)
    {
        if (spec.LineSearch)
        {
            SpecRules.RequireBsp(spec, $"{Name} with LineSearch");
        }
    }

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset) => SpecRules.RequireBspOnSparse(spec, dataset);

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => spec.Consistency == ConsistencyMode.Bsp && !spec.LineSearch;

    /// <inheritdoc />
    public async Task<IRoundDriver> CreateDriverAsync(SolverContext context)
    {
        var spec = context.Job.Spec;
        if (spec.LineSearch)
        {
            return await TrainerSideRounds.StartAsync(context, LbfgsSolver.Options(context.Job, memory: 0, StoppingRule.DefaultTolerance));
        }

        return spec.Consistency == ConsistencyMode.Bsp
            ? new BlockStepRounds(context.Operations, local: false, new StoppingRule(FullBatch: true), context.PreviousObjective)
            : await StaleRounds.ContinueAsync(context);
    }
}
