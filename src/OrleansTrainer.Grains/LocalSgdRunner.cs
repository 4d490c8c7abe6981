using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Local SGD on one shard: from the pulled parameters, <see cref="JobSpec.LocalSteps"/> steps on the shard's own rows,
/// leaving the model change in <c>buffers.SolverGradient</c>. A step of one row (the job's batch is one row per shard, as
/// for sparse rows) is per-example SGD walked on the rows in place (<see cref="DenseSgd"/>); larger batches take mini-batch
/// steps (the smooth gradient, then the L1 proximal step). Softmax models always take mini-batch steps.
/// </summary>
internal static class LocalSgdRunner
{
    /// <summary>Runs the local steps; returns the summed loss and instance weight of the batches (each at its pre-step model).</summary>
    public static (double LossSum, double WeightSum, long Rows) Run(ShardRoundRequest request, ShardRows rows, ShardTraining training,
        FeatureScaling? scaling, RoundBuffers buffers)
    {
        var start = buffers.Parameters.ToArray();
        var (lossSum, weightSum, used) = request.BatchRows == 1 && !ModelRegistry.Of(request.Spec.Model).IsMultiOutput
            ? PerRow(request, rows, training, scaling, buffers)
            : MiniBatches(request, rows, training, scaling, buffers);
        for (var i = 0; i < start.Length; i++)
        {
            buffers.SolverGradient[i] = buffers.Parameters[i] - start[i];
        }

        return (lossSum, weightSum, used);
    }

    /// <summary>
    /// One step per training row of the round's slice of the shard's epoch permutations — the rows the mini-batch steps of
    /// one row would take, in the same order.
    /// </summary>
    private static (double, double, long) PerRow(ShardRoundRequest request, ShardRows rows, ShardTraining training, FeatureScaling? scaling, RoundBuffers buffers)
    {
        var spec = request.Spec;
        var layout = buffers.Layout;
        var order = training.StepBatch(spec.LocalSteps, request.Round)!;
        var settings = new DenseSgdSettings(request.LocalLearningRate, spec.L2, spec.L1, layout.FitIntercept, scaling?.Mean, scaling?.Scale);
        var loss = ModelRegistry.Of(spec.Model).LossOf(spec);
        var weights = buffers.Parameters.AsSpan(0, layout.Columns);
        var intercept = layout.FitIntercept ? buffers.Parameters[layout.InterceptIndex(0)] : 0.0;
        var sums = rows.FeatureType == FeatureType.Float64
            ? DenseSgd.Run(loss, rows.Features64, rows.Labels, rows.Weights, order, settings, weights, ref intercept)
            : DenseSgd.Run(loss, rows.Features32, rows.Labels, rows.Weights, order, settings, weights, ref intercept);
        if (layout.FitIntercept)
        {
            buffers.Parameters[layout.InterceptIndex(0)] = intercept;
        }

        return (sums.Loss, sums.WeightSum, sums.Rows);
    }

    private static (double, double, long) MiniBatches(ShardRoundRequest request, ShardRows rows, ShardTraining training, FeatureScaling? scaling, RoundBuffers buffers)
    {
        var spec = request.Spec;
        var (l2Scale, l1Scale) = ModelTransform.PenaltyScales(buffers.Layout, scaling);
        var settings = new UpdateSettings(UpdateRule.Sgd, 0, false, spec.Beta1, spec.Beta2, spec.Epsilon, spec.L2, spec.L1);
        double lossSum = 0, weightSum = 0;
        long used = 0;
        for (var step = 0; step < spec.LocalSteps; step++)
        {
            var batch = training.StepBatch(request.BatchRows, request.Round * spec.LocalSteps + step);
            var sums = ShardGradient.Compute(spec, rows, batch, scaling, buffers);
            lossSum += sums.Loss;
            weightSum += sums.WeightSum;
            used += sums.Rows;
            BlockUpdate.Apply(settings, step, request.LocalLearningRate, buffers.Parameters, [], [], buffers.SolverGradient, sums.WeightSum, l2Scale, l1Scale);
        }

        return (lossSum, weightSum, used);
    }
}
