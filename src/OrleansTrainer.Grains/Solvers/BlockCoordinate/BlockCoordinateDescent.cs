using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Block coordinate descent (model parallelism) for least squares, ridge and lasso: each round visits the weight blocks
/// in turn and each solves its own coordinates exactly. Chosen by <see cref="ParallelismMode.BlockCoordinate"/>; the
/// spec's solver is not used. Stops like full-batch gradient descent.
/// </summary>
internal sealed class BlockCoordinateDescent : ISolver
{
    /// <inheritdoc />
    public string Name => "block coordinate descent";

    /// <inheritdoc />
    public bool SamplesBatches => false;

    /// <inheritdoc />
    public void Validate(JobSpec spec) =>
        SpecRules.Require(ModelRegistry.Of(spec.Model).Loss == LossKind.SquaredError && spec.Consistency == ConsistencyMode.Bsp, spec,
            $"block coordinate descent solves least squares, ridge and lasso (LinearRegression) in Bsp consistency, not {spec.Model} in {spec.Consistency}");

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset) =>
        SpecRules.Require(!dataset.Schema.IsSparse, spec, $"dataset \"{spec.Dataset}\" is sparse, and block coordinate descent runs on dense datasets only");

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => false;

    /// <inheritdoc />
    public Task<IRoundDriver> CreateDriverAsync(SolverContext context) =>
        Task.FromResult<IRoundDriver>(new BlockCoordinateRounds(context.Operations, new StoppingRule(FullBatch: true), context.PreviousObjective));
}
