using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Least squares and ridge in one pass: the shards return XᵀX and Xᵀy over their rows centered on the dataset's column
/// means, the trainer adds them in shard order and solves with MathNet, puts the solution into the blocks, then runs
/// one gradient round at it so the job's metrics show the loss and the gradient norm at the solution.
/// </summary>
internal sealed class NormalEquationsRounds(RoundOperations operations) : IRoundDriver
{
    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var context = operations.Context;
        var spec = context.Spec;
        var measurement = new RoundMeasurement(round);
        var center = DenseBuffers.AsDoubles(context.Dataset.Statistics!.FeatureMean.Bytes).ToArray();
        var grams = await operations.GramAsync(center);
        var sums = new GramSums(context.Layout.Columns);
        foreach (var gram in grams)
        {
            sums.Add(Unpack(gram, context.Layout.Columns));
        }

        var solution = NormalEquations.Solve(sums, center, spec.FitIntercept, spec.L2, []);
        var parameters = new double[context.Layout.Length];
        ModelTransform.ToSolver(context.Layout, solution.Weights, [solution.Intercept], context.Scaling, parameters);
        await operations.SetWeightsAsync(round, parameters, durable: true);

        measurement.AddCompute(grams.Max(g => g.ComputeMilliseconds));
        var results = await operations.RunShardsAsync(round, ShardRoundKind.Gradient);
        measurement.CommitStarting();
        var commits = await operations.CommitAsync(round, BlockCommitMode.Aggregate);
        measurement.CommitEnded();
        var weightSum = results.Sum(r => r.WeightSum);
        double gradientSquared = 0;
        for (var b = 0; b < commits.Length; b++)
        {
            var (start, _) = context.Blocks.Range(b);
            var slice = DenseBuffers.AsDoubles(commits[b].GradientSum.Bytes);
            for (var i = 0; i < slice.Length; i++)
            {
                var g = slice[i] / weightSum + spec.L2 * context.L2Scale[start + i] * parameters[start + i];
                gradientSquared += g * g;
            }
        }

        var loss = measurement.Shards(results).Loss;
        var metrics = measurement.Finish(loss + context.Penalty(parameters), Math.Sqrt(gradientSquared));
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"normal equations solved by {solution.Method} (condition estimate {solution.ConditionEstimate:G3}); gradient norm at the solution {metrics.GradientNorm:G4}");
        return new RoundOutcome(metrics, JobStatus.Completed, reason);
    }

    private static GramSums Unpack(ShardGramResult gram, int columns)
    {
        var sums = new GramSums(columns);
        DenseBuffers.AsDoubles(gram.XtX.Bytes).CopyTo(sums.XtX);
        DenseBuffers.AsDoubles(gram.Xty.Bytes).CopyTo(sums.Xty);
        DenseBuffers.AsDoubles(gram.XSum.Bytes).CopyTo(sums.XSum);
        sums.YSum = gram.YSum;
        sums.YySum = gram.YySum;
        sums.WeightSum = gram.WeightSum;
        sums.Rows = gram.Rows;
        return sums;
    }
}
