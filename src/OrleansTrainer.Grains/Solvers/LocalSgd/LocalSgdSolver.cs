using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Local SGD with model averaging: every round each shard takes <see cref="JobSpec.LocalSteps"/> steps on batches of its
/// own rows from the current model, and the blocks average the shards' models (weighted by rows). Only MaxRounds stops it.
/// </summary>
internal sealed class LocalSgdSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "LocalSgd";

    /// <inheritdoc />
    public bool SamplesBatches => true;

    /// <inheritdoc />
    public void Validate(JobSpec spec)
    {
        SpecRules.Require(spec.BatchSize >= 1, spec, $"BatchSize must be at least 1, not {spec.BatchSize}");
        SpecRules.RequireBsp(spec, Name);
    }

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset)
    {
        if (!dataset.Schema.IsSparse)
        {
            return;
        }

        var sparse = $"dataset \"{spec.Dataset}\" is sparse";
        SpecRules.Require(spec.L1 == 0, spec,
            $"{sparse}: local SGD on sparse rows takes an L2 penalty only (its shrink is kept as one scale factor); for L1 use Lbfgs (OWL-QN) or GradientDescent");
        SpecRules.Require(spec.LearningRate * spec.L2 < 1, spec,
            $"{sparse}: local SGD needs LearningRate × L2 < 1 (each step shrinks the weights by that factor), not {spec.LearningRate} × {spec.L2}");
    }

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => true;

    /// <inheritdoc />
    public Task<IRoundDriver> CreateDriverAsync(SolverContext context) =>
        Task.FromResult<IRoundDriver>(new BlockStepRounds(context.Operations, local: true, new StoppingRule(FullBatch: false), context.PreviousObjective));
}
