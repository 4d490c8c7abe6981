using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>The L-BFGS minimizer's scalars and pair generations and origins; its vectors are in Redis keys of their own (<see cref="LbfgsVectorStore"/>).</summary>
/// <param name="Snapshot">The minimizer's state without its vectors.</param>
[GenerateSerializer, Alias("otrain.LbfgsCheckpoint")]
public sealed record LbfgsCheckpoint([property: Id(0)] LbfgsSnapshot Snapshot) : SolverCheckpoint
{
    /// <inheritdoc />
    public override string Describe() =>
        $"L-BFGS: {Snapshot.Iterations} iterations, {Snapshot.Evaluations} evaluations, {Snapshot.UsedSlots().Count()} pairs";

    /// <inheritdoc />
    public override string? StoppedReason => Snapshot.Status == LbfgsStatus.NeedEvaluation ? null : $"{Snapshot.Status}: {Snapshot.StopReason}";
}
