using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>One fused loss-and-gradient pass of a shard, in solver coordinates, for any model family.</summary>
internal static class ShardGradient
{
    /// <summary>The kernel's loss for a model family with one output.</summary>
    public static LossSpec LossOf(JobSpec spec) => spec.Model switch
    {
        ModelKind.LinearRegression => LossKind.SquaredError,
        ModelKind.LogisticRegression => LossKind.Logistic,
        ModelKind.HuberRegression => new LossSpec(LossKind.Huber, spec.HuberDelta),
        ModelKind.PoissonRegression => LossKind.Poisson,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), $"Model {spec.Model} has no single-output loss."),
    };

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
        GradientSums sums;
        if (spec.Model == ModelKind.SoftmaxRegression)
        {
            sums = batch is null
                ? SoftmaxKernel.Accumulate(rows.Features, rows.Labels, rows.Weights, layout.Outputs, buffers.RawWeights, buffers.RawIntercepts,
                    buffers.RawGradient, buffers.InterceptGradient)
                : SoftmaxKernel.AccumulateRows(rows.Features, rows.Labels, rows.Weights, batch, layout.Outputs, buffers.RawWeights,
                    buffers.RawIntercepts, buffers.RawGradient, buffers.InterceptGradient);
        }
        else
        {
            var loss = LossOf(spec);
            sums = batch is null
                ? GradientKernel.Accumulate(loss, rows.Features, rows.Labels, rows.Weights, buffers.RawWeights, buffers.RawIntercepts[0], buffers.RawGradient)
                : GradientKernel.AccumulateRows(loss, rows.Features, rows.Labels, rows.Weights, batch, buffers.RawWeights, buffers.RawIntercepts[0],
                    buffers.RawGradient);
            buffers.InterceptGradient[0] = sums.InterceptGradient;
        }

        ModelTransform.ToSolverGradient(layout, buffers.RawGradient, buffers.InterceptGradient, scaling, buffers.SolverGradient);
        return sums;
    }
}
