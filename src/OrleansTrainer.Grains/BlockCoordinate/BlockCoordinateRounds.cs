using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Block coordinate descent, model parallelism: a round is one sweep over the weight blocks in block order. For each
/// block the shards send the statistics of its coordinates at their residuals (summed here in shard order), the block
/// solves its sub-problem exactly and commits (version = round + 1), and the shards subtract its change from their
/// residuals. After a crash the sweep is redone: a block that already committed in it returns the same change, and a
/// shard whose residuals lost track recomputes them from the blocks' weights.
/// </summary>
internal sealed class BlockCoordinateRounds(IGrainFactory grains, JobContext context, Func<double> previousObjective) : IRoundDriver
{
    private long[]? _versions;

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var spec = context.Spec;
        var started = Stopwatch.GetTimestamp();
        var versions = _versions ??= await VersionsAsync();
        double loss = double.NaN, penalty = 0, violation = 0, computeMs = 0;
        long rows = 0;
        for (var b = 0; b < spec.WeightBlocks; b++)
        {
            var (start, length) = context.Blocks.Range(b);
            var block = grains.GetGrain<IWeightBlockGrain>(GrainKeys.Child(spec.Name, b));
            BlockCommitResult result;
            if (versions[b] == round + 1)
            {
                // Committed by an earlier attempt at this sweep: the block replays its change.
                result = await block.SolveCoordinatesAsync(round, new BlockSubproblem());
            }
            else
            {
                var statistics = await StatisticsAsync(start, length, versions);
                var problem = Sum(statistics, length);
                if (double.IsNaN(loss))
                {
                    loss = statistics.Sum(s => s.LossSum) / problem.WeightSum;
                    rows = statistics.Sum(s => s.Rows);
                }

                computeMs += statistics.Max(s => s.ComputeMilliseconds);
                result = await block.SolveCoordinatesAsync(round, problem);
            }

            var next = (long[])versions.Clone();
            next[b] = round + 1;
            await ApplyAsync(new ResidualUpdate
            {
                Job = spec.Name, Start = start, Delta = result.GradientSum, FromVersions = versions, ToVersions = next, Features = context.Layout.Columns,
            });
            _versions = versions = next;
            penalty += result.Penalty;
            violation += result.GradientNormSquared;
        }

        var objective = loss + penalty;
        var gradientNorm = Math.Sqrt(violation);
        var metrics = new RoundMetrics
        {
            Round = round,
            Loss = loss,
            Objective = objective,
            GradientNorm = gradientNorm,
            Rows = rows,
            RoundMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ComputeMilliseconds = computeMs,
        };
        var stop = StoppingRules.Check(spec, round + 1, previousObjective(), objective, gradientNorm);
        return new RoundOutcome(metrics, stop is null ? null : JobStatus.Completed, stop ?? "");
    }

    private async Task<long[]> VersionsAsync()
    {
        var snapshots = await Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks)
            .Select(b => grains.GetGrain<IWeightBlockGrain>(GrainKeys.Child(context.Spec.Name, b)).GetSnapshotAsync()));
        return [.. snapshots.Select(s => s.Version)];
    }

    private Task<BlockStatistics[]> StatisticsAsync(int start, int length, long[] versions)
    {
        var request = new BlockStatisticsRequest
        {
            Spec = context.Spec, Start = start, Length = length, BlockVersions = versions, Features = context.Layout.Columns,
        };
        return Task.WhenAll(Enumerable.Range(0, context.ShardCount).Select(s => Shard(s).ComputeBlockStatisticsAsync(request)));
    }

    private Task ApplyAsync(ResidualUpdate update) =>
        Task.WhenAll(Enumerable.Range(0, context.ShardCount).Select(s => Shard(s).ApplyResidualUpdateAsync(update)));

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

    private IDataShardGrain Shard(int index) => grains.GetGrain<IDataShardGrain>(GrainKeys.Child(context.Spec.Dataset, index));
}
