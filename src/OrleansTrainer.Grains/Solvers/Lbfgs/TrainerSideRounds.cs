using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Rounds of a solver that runs on the trainer with distributed gradients: L-BFGS (OWL-QN with L1), and gradient
/// descent with backtracking line search (L-BFGS without memory). Every round puts the point the solver asks for into
/// the blocks, has the shards compute loss and gradient there, and collects the summed gradient from the blocks. The
/// minimizer's state is checkpointed with the trainer after every round, its vectors in Redis keys of their own
/// (<see cref="LbfgsVectorStore"/>).
/// </summary>
internal sealed class TrainerSideRounds : IRoundDriver
{
    private readonly RoundOperations _operations;
    private readonly LbfgsVectorStore _vectors;
    private readonly LbfgsMinimizer _minimizer;

    private TrainerSideRounds(RoundOperations operations, LbfgsVectorStore vectors, LbfgsMinimizer minimizer) =>
        (_operations, _vectors, _minimizer) = (operations, vectors, minimizer);

    /// <summary>
    /// Continues from the trainer's checkpoint (its vectors read back from Redis), or starts at the weights the blocks
    /// were set up with (zeros, or the job's initial model).
    /// </summary>
    public static async Task<TrainerSideRounds> StartAsync(SolverContext context, LbfgsOptions options)
    {
        var vectors = context.Services.Keep(services => new LbfgsVectorStore(services.Redis, services.Keys));
        var snapshot = await vectors.AttachAsync(context.Services.Job, (context.Checkpoint as LbfgsCheckpoint)?.Snapshot);
        var minimizer = snapshot is null
            ? new LbfgsMinimizer(options, await context.Operations.GatherAsync())
            : LbfgsMinimizer.FromSnapshot(options, snapshot);
        return new TrainerSideRounds(context.Operations, vectors, minimizer);
    }

    /// <inheritdoc />
    public async Task<SolverCheckpoint?> CheckpointAsync() =>
        new LbfgsCheckpoint(await _vectors.DetachAsync(_operations.Context.Spec.Name, _minimizer));

    /// <inheritdoc />
    public Task CommittedAsync(SolverCheckpoint checkpoint) =>
        _vectors.DeleteUnreferencedAsync(_operations.Context.Spec.Name, ((LbfgsCheckpoint)checkpoint).Snapshot);

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var context = _operations.Context;
        var spec = context.Spec;
        var measurement = new RoundMeasurement(round);
        var point = _minimizer.PointToEvaluate;
        await _operations.SetWeightsAsync(round, point, durable: false);
        // Carried (a small model): the shards compute at the point sent with their requests and return their sums,
        // which the blocks take with the commit; either way the blocks sum them and keep the point as the committed
        // round's, so a redo of the round (the final one included) finds them as the pulled path leaves them.
        var carries = _operations.CarriesRounds;
        var results = carries
            ? await _operations.RunCarriedShardsAsync(round, ShardRoundKind.Gradient, 0, new PackedVector { Bytes = DenseBuffers.ToBytes(point) })
            : await _operations.RunShardsAsync(round, ShardRoundKind.Gradient);
        measurement.CommitStarting();
        var commits = carries
            ? await _operations.CommitCarriedAsync(round, BlockCommitMode.Aggregate, results)
            : await _operations.CommitAsync(round, BlockCommitMode.Aggregate);
        measurement.CommitEnded();
        var gradient = new double[point.Length];
        for (var b = 0; b < commits.Length; b++)
        {
            var (start, _) = context.Blocks.Range(b);
            DenseBuffers.AsDoubles(commits[b].GradientSum.Bytes).CopyTo(gradient.AsSpan(start));
        }

        var weightSum = results.Sum(r => r.WeightSum);
        var loss = measurement.Shards(results).Loss;

        double l2Part = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = gradient[i] / weightSum + spec.L2 * context.L2Scale[i] * point[i];
            l2Part += context.L2Scale[i] * point[i] * point[i];
        }

        var smooth = loss + spec.L2 / 2 * l2Part;
        if (!double.IsFinite(smooth) && _minimizer.Evaluations == 0)
        {
            return new RoundOutcome(null, JobStatus.Failed, $"diverged: the objective at the starting point is {smooth}");
        }

        // The objective at the evaluated point, taken before Observe places the next point into the same array.
        var objective = context.Penalty(point) + loss;
        var status = _minimizer.Observe(double.IsFinite(smooth) ? smooth : double.PositiveInfinity, gradient);
        var metrics = measurement.Finish(objective, _minimizer.CurrentGradientNorm);
        var stop = status switch
        {
            LbfgsStatus.Converged => _minimizer.StopReason,
            LbfgsStatus.Failed => $"stopped: {_minimizer.StopReason}",
            _ when _minimizer.Iterations >= spec.MaxRounds => $"reached MaxRounds ({spec.MaxRounds} iterations)",
            _ => null,
        };
        if (stop is null)
        {
            return new RoundOutcome(metrics);
        }

        await _operations.SetWeightsAsync(round + 1, _minimizer.Current, durable: true);
        return new RoundOutcome(metrics, JobStatus.Completed,
            $"{stop} after {_minimizer.Iterations} iterations and {_minimizer.Evaluations} evaluations; objective {_minimizer.CurrentObjective:G10}, gradient norm {_minimizer.CurrentGradientNorm:G4}");
    }
}
