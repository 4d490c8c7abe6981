using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Per-example SGD on dense rows, read in place (no gather): for each row of the order, the loss and its derivative at the
/// current model, then <see cref="BlockUpdate"/>'s SGD step on a batch of that one row — the smooth step with the L2
/// penalty, then the L1 proximal step, both on the original-scale weights; the intercept unpenalized. The weights and
/// intercept are in solver coordinates (standardized features when <see cref="DenseSgdSettings.Mean"/> is set), as the
/// weight blocks hold them; the walk runs on the raw-scale weights and converts back at the end.
/// </summary>
public static class DenseSgd
{
    /// <summary>Steps ahead whose row is requested from memory: a permutation of the rows is not a stream the hardware prefetcher follows.</summary>
    private const int PrefetchAhead = 16;

    /// <summary>Takes one step per entry of <paramref name="order"/> over float32 rows, changing the model in place.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1; a row of weight 0 takes no step.</param>
    /// <param name="order">The rows of the steps, in order; a row may appear more than once.</param>
    /// <param name="settings">The step size, penalties, intercept and standardization.</param>
    /// <param name="weights">The solver-space weights, updated in place.</param>
    /// <param name="intercept">The solver-space intercept, updated in place.</param>
    /// <returns>The weighted loss sum, weighted derivative sum and weight sum of the rows, each at the model before its step, and the row count.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit, a setting is out of range, or a label or sample weight is invalid.</exception>
    public static GradientSums Run(
        LossSpec loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        DenseSgdSettings settings,
        Span<double> weights,
        ref double intercept) =>
        Vector256RowKernel.IsSupported
            ? Run<Vector256RowKernel, float>(loss, features, labels, sampleWeights, order, settings, weights, ref intercept)
            : Run<ScalarRowKernel, float>(loss, features, labels, sampleWeights, order, settings, weights, ref intercept);

    /// <summary>As the float32 <c>Run</c>, over float64 rows.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1; a row of weight 0 takes no step.</param>
    /// <param name="order">The rows of the steps, in order; a row may appear more than once.</param>
    /// <param name="settings">The step size, penalties, intercept and standardization.</param>
    /// <param name="weights">The solver-space weights, updated in place.</param>
    /// <param name="intercept">The solver-space intercept, updated in place.</param>
    /// <returns>The weighted loss sum, weighted derivative sum and weight sum of the rows, each at the model before its step, and the row count.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit, a setting is out of range, or a label or sample weight is invalid.</exception>
    public static GradientSums Run(
        LossSpec loss,
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        DenseSgdSettings settings,
        Span<double> weights,
        ref double intercept) =>
        Vector256RowKernel.IsSupported
            ? Run<Vector256RowKernel, double>(loss, features, labels, sampleWeights, order, settings, weights, ref intercept)
            : Run<ScalarRowKernel, double>(loss, features, labels, sampleWeights, order, settings, weights, ref intercept);

    /// <summary>The checks and the walk with the kernel <typeparamref name="TKernel"/>: the public entry points take the one this CPU runs, the tests each.</summary>
    internal static GradientSums Run<TKernel, T>(
        LossSpec loss,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        DenseSgdSettings settings,
        Span<double> weights,
        ref double intercept)
        where TKernel : IRowKernel
        where T : unmanaged =>
        loss.Accept<RunVisit<TKernel, T>, GradientSums>(new RunVisit<TKernel, T>(features, labels, sampleWeights, order, settings, weights, ref intercept));

    /// <summary>
    /// The walk itself, on checked arguments; compiled fully optimized on first use, with the step it calls: an epoch is
    /// one call per shard, which tiered compilation would start in unoptimized code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GradientSums Walk<TKernel, TLoss, T>(
        TLoss loss,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        DenseSgdSettings settings,
        Span<double> weights,
        ref double intercept)
        where TKernel : IRowKernel
        where TLoss : struct, ILoss
        where T : unmanaged
    {
        int d = weights.Length;
        var step = new RowSgdStep(settings, d);
        var raw = new double[d];
        Standardization.ToRawModel(weights, 0.0, settings.Mean ?? new double[d], settings.Scale ?? Ones(d), raw, out double negativeShift);
        double shift = -negativeShift;
        double rate = settings.LearningRate;
        var totals = default(GradientSums);
        for (int k = 0; k < order.Length; k++)
        {
            if (k + PrefetchAhead < order.Length)
            {
                RowPrefetch.IntoL2(features.Slice(order[k + PrefetchAhead] * d, d));
            }

            int row = order[k];
            var x = features.Slice(row * d, d);
            double s = sampleWeights.IsEmpty ? 1.0 : sampleWeights[row];
            var z = Vector256.Create(TKernel.Dot(x, raw) + (intercept - shift));
            var value = TKernel.Evaluate4(loss, z, Vector256.Create(labels[row]), out var derivative);
            double g = derivative[0];
            totals.Add(new GradientSums { Loss = value[0] * s, InterceptGradient = g * s, WeightSum = s, Rows = 1 });
            if (s > 0)
            {
                shift = step.Apply(raw, x, rate * g);
                if (settings.FitIntercept)
                {
                    intercept -= rate * g;
                }
            }
        }

        Standardization.ToSolverModel(raw, 0.0, settings.Mean ?? new double[d], settings.Scale ?? Ones(d), weights, out _);
        return totals;
    }

    private static double[] Ones(int count) => Enumerable.Repeat(1.0, count).ToArray();

    /// <summary>The checks and the walk, specialized per loss.</summary>
    private readonly ref struct RunVisit<TKernel, T> : ILossVisitor<GradientSums>
        where TKernel : IRowKernel
        where T : unmanaged
    {
        private readonly ReadOnlySpan<T> _features;
        private readonly ReadOnlySpan<double> _labels;
        private readonly ReadOnlySpan<double> _sampleWeights;
        private readonly ReadOnlySpan<int> _order;
        private readonly DenseSgdSettings _settings;
        private readonly Span<double> _weights;
        private readonly ref double _intercept;

        public RunVisit(
            ReadOnlySpan<T> features,
            ReadOnlySpan<double> labels,
            ReadOnlySpan<double> sampleWeights,
            ReadOnlySpan<int> order,
            DenseSgdSettings settings,
            Span<double> weights,
            ref double intercept)
        {
            _features = features;
            _labels = labels;
            _sampleWeights = sampleWeights;
            _order = order;
            _settings = settings;
            _weights = weights;
            _intercept = ref intercept;
        }

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            ArgumentNullException.ThrowIfNull(_settings);
            _settings.Validate(_weights.Length);
            if ((long)_labels.Length * _weights.Length != _features.Length)
            {
                throw new ArgumentException($"{_features.Length} features do not make {_labels.Length} rows of {_weights.Length}.", "features");
            }

            RowChecks.SampleWeightCount(_sampleWeights, _labels.Length);
            foreach (int row in _order)
            {
                if ((uint)row >= (uint)_labels.Length)
                {
                    throw new ArgumentOutOfRangeException("order", $"Row {row} is outside [0, {_labels.Length}).");
                }

                if (RowChecks.Needed(loss, _sampleWeights))
                {
                    RowChecks.Row(loss, _labels, _sampleWeights, row);
                }
            }

            return Walk<TKernel, TLoss, T>(loss, _features, _labels, _sampleWeights, _order, _settings, _weights, ref _intercept);
        }
    }
}
