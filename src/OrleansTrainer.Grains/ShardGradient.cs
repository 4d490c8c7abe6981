using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>One fused loss-and-gradient pass of a shard, in solver coordinates, for any model family.</summary>
internal static class ShardGradient
{
    /// <summary>
    /// Computes loss and gradient sums at <c>buffers.Parameters</c> over all rows, or over <paramref name="batch"/>, and
    /// leaves the solver-space gradient sums in <c>buffers.SolverGradient</c>.
    /// </summary>
    public static GradientSums Compute(JobSpec spec, ShardRows rows, int[]? batch, FeatureScaling? scaling, RoundBuffers buffers)
    {
        var layout = buffers.Layout;
        ModelTransform.ToRaw(layout, buffers.Parameters, scaling, buffers.RawWeights, buffers.RawIntercepts);
        Array.Clear(buffers.RawGradient);
        Array.Clear(buffers.InterceptGradient);
        var sums = rows.FeatureType == FeatureType.Float64
            ? Float64Pass(spec, rows, batch, buffers)
            : Float32Pass(spec, rows, batch, buffers);
        if (!ModelRegistry.Of(spec.Model).IsMultiOutput)
        {
            buffers.InterceptGradient[0] = sums.InterceptGradient;
        }

        ModelTransform.ToSolverGradient(layout, buffers.RawGradient, buffers.InterceptGradient, scaling, buffers.SolverGradient);
        return sums;
    }

    private static GradientSums Float32Pass(JobSpec spec, ShardRows rows, int[]? batch, RoundBuffers b)
    {
        var k = b.Layout.Outputs;
        var model = ModelRegistry.Of(spec.Model);
        if (model.IsMultiOutput)
        {
            return batch is null
                ? SoftmaxKernel.Accumulate(rows.Features32, rows.Labels, rows.Weights, k, b.RawWeights, b.RawIntercepts, b.RawGradient, b.InterceptGradient)
                : SoftmaxKernel.AccumulateRows(rows.Features32, rows.Labels, rows.Weights, batch, k, b.RawWeights, b.RawIntercepts, b.RawGradient, b.InterceptGradient);
        }

        var loss = model.LossOf(spec);
        return batch is null
            ? GradientKernel.Accumulate(loss, rows.Features32, rows.Labels, rows.Weights, b.RawWeights, b.RawIntercepts[0], b.RawGradient)
            : GradientKernel.AccumulateRows(loss, rows.Features32, rows.Labels, rows.Weights, batch, b.RawWeights, b.RawIntercepts[0], b.RawGradient);
    }

    private static GradientSums Float64Pass(JobSpec spec, ShardRows rows, int[]? batch, RoundBuffers b)
    {
        var k = b.Layout.Outputs;
        var model = ModelRegistry.Of(spec.Model);
        if (model.IsMultiOutput)
        {
            return batch is null
                ? SoftmaxKernel.Accumulate(rows.Features64, rows.Labels, rows.Weights, k, b.RawWeights, b.RawIntercepts, b.RawGradient, b.InterceptGradient)
                : SoftmaxKernel.AccumulateRows(rows.Features64, rows.Labels, rows.Weights, batch, k, b.RawWeights, b.RawIntercepts, b.RawGradient, b.InterceptGradient);
        }

        var loss = model.LossOf(spec);
        return batch is null
            ? GradientKernel.Accumulate(loss, rows.Features64, rows.Labels, rows.Weights, b.RawWeights, b.RawIntercepts[0], b.RawGradient)
            : GradientKernel.AccumulateRows(loss, rows.Features64, rows.Labels, rows.Weights, batch, b.RawWeights, b.RawIntercepts[0], b.RawGradient);
    }
}
