using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Block coordinate descent, model parallelism: a round is one sweep over the weight blocks in block order. For each
/// block the shards send the statistics of its coordinates at their residuals (summed here in shard order), the block
/// solves its sub-problem exactly and commits (version = round + 1), and the shards subtract its change from their
/// residuals. After a crash the sweep is redone: a block that already committed in it returns the same change, and a
/// shard whose residuals lost track rebuilds them from the blocks' weights.
/// </summary>
/// <remarks>
/// The versions a step names are those of its place in the sweep — before block b of round t, blocks before b at t + 1
/// and the others at t — not those read back after a crash: a replayed block's change must be applied only by shards
/// whose residuals are from before it (applying it to residuals that already had it moved a killed job's weights by
/// 10⁻⁸); shards at any other versions forget their residuals and rebuild them.
/// </remarks>
internal sealed class BlockCoordinateRounds(RoundOperations operations, StoppingRule stopping, Func<double> previousObjective) : IRoundDriver
{
    private readonly JobContext _context = operations.Context;
    private long[]? _versions;

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var spec = _context.Spec;
        var measurement = new RoundMeasurement(round);
        var committed = _versions ??= await VersionsAsync();
        double penalty = 0, violation = 0;
        for (var b = 0; b < spec.WeightBlocks; b++)
        {
            var (start, length) = _context.Blocks.Range(b);
            var block = operations.Block(b);
            var (versions, next) = (SweepVersions(round, b), SweepVersions(round, b + 1));
            BlockCommitResult result;
            if (committed[b] == round + 1)
            {
                // Committed by an earlier attempt at this sweep: the block replays its change.
                result = await block.SolveCoordinatesAsync(round, new BlockSubproblem());
            }
            else
            {
                var statistics = await StatisticsAsync(start, length, versions);
                var problem = Sum(statistics, length);
                if (double.IsNaN(measurement.Loss))
                {
                    measurement.Statistics(statistics.Sum(s => s.LossSum), problem.WeightSum, statistics.Sum(s => s.Rows));
                }

                measurement.AddCompute(statistics.Max(s => s.ComputeMilliseconds));
                measurement.CommitStarting();
                result = await block.SolveCoordinatesAsync(round, problem);
                measurement.CommitEnded();
            }

            await ApplyAsync(new ResidualUpdate
            {
                Job = spec.Name, Start = start, Delta = result.GradientSum, FromVersions = versions, ToVersions = next, Features = _context.Layout.Columns,
            });
            committed[b] = round + 1;
            penalty += result.Penalty;
            violation += result.GradientNormSquared;
        }

        var objective = measurement.Loss + penalty;
        var gradientNorm = Math.Sqrt(violation);
        var metrics = measurement.Finish(objective, gradientNorm);
        return RoundOutcome.After(metrics, stopping.Check(spec, round + 1, previousObjective(), objective, gradientNorm));
    }

    /// <summary>The blocks' versions before block <paramref name="block"/> of sweep <paramref name="round"/>: those before it at round + 1, the others at round.</summary>
    private long[] SweepVersions(long round, int block) =>
        [.. Enumerable.Range(0, _context.Spec.WeightBlocks).Select(b => b < block ? round + 1 : round)];

    private async Task<long[]> VersionsAsync()
    {
        var snapshots = await Task.WhenAll(Enumerable.Range(0, _context.Spec.WeightBlocks)
            .Select(b => operations.Block(b).GetSnapshotAsync()));
        return [.. snapshots.Select(s => s.Version)];
    }

    private Task<BlockStatistics[]> StatisticsAsync(int start, int length, long[] versions)
    {
        var request = new BlockStatisticsRequest
        {
            Spec = _context.Spec, Start = start, Length = length, BlockVersions = versions, Features = _context.Layout.Columns,
        };
        return Task.WhenAll(Enumerable.Range(0, _context.ShardCount).Select(s => operations.Shard(s).ComputeBlockStatisticsAsync(request)));
    }

    private Task ApplyAsync(ResidualUpdate update) =>
        Task.WhenAll(Enumerable.Range(0, _context.ShardCount).Select(s => operations.Shard(s).ApplyResidualUpdateAsync(update)));

    /// <summary>The shards' statistics added in shard order.</summary>
    private static BlockSubproblem Sum(BlockStatistics[] statistics, int length)
    {
        var gram = new double[length * length];
        var correlation = new double[length];
        double weightSum = 0;
        foreach (var s in statistics)
        {
            Add(gram, DenseBuffers.AsDoubles(s.Gram.Bytes));
            Add(correlation, DenseBuffers.AsDoubles(s.Correlation.Bytes));
            weightSum += s.WeightSum;
        }

        return new BlockSubproblem
        {
            Gram = new PackedVector { Bytes = DenseBuffers.ToBytes(gram) },
            Correlation = new PackedVector { Bytes = DenseBuffers.ToBytes(correlation) },
            WeightSum = weightSum,
        };
    }

    private static void Add(double[] target, ReadOnlySpan<double> values)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += values[i];
        }
    }
}
