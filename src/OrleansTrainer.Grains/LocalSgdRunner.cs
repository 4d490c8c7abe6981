using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Local SGD on one shard: from the pulled parameters, <see cref="JobSpec.LocalSteps"/> mini-batch steps on the shard's own
/// rows (the smooth gradient, then the L1 proximal step), leaving the model change in <c>buffers.SolverGradient</c>.
/// </summary>
internal static class LocalSgdRunner
{
    /// <summary>Runs the local steps; returns the summed loss and instance weight of the batches (each at its pre-step model).</summary>
    public static (double LossSum, double WeightSum, long Rows) Run(ShardRoundRequest request, ShardRows rows, ShardTraining training,
        FeatureScaling? scaling, RoundBuffers buffers)
    {
        var spec = request.Spec;
        var layout = buffers.Layout;
        var start = buffers.Parameters.ToArray();
        var (l2Scale, l1Scale) = ModelTransform.PenaltyScales(layout, scaling);
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

        for (var i = 0; i < start.Length; i++)
        {
            buffers.SolverGradient[i] = buffers.Parameters[i] - start[i];
        }

        return (lossSum, weightSum, used);
    }
}
