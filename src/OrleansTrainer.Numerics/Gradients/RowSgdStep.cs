using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// One per-row SGD update of raw-scale weights, with the solver's standardization folded into per-column constants.
/// In solver coordinates (v_j = w_j·σ_j, u_j = (x_j − μ_j)/σ_j) the step is <see cref="BlockUpdate"/>'s on a batch of one:
/// v_j ← prox_{η·L1/σ_j}(v_j − η·(g·u_j + L2·v_j/σ_j²)); divided by σ_j it reads
/// w_j ← prox_{η·L1/σ_j²}((1 − η·L2/σ_j²)·w_j − η·g·(x_j − μ_j)/σ_j²), which is what this computes (σ = 1, μ = 0 unscaled).
/// </summary>
internal sealed class RowSgdStep
{
    private readonly double[] _shrink;
    private readonly double[] _gain;
    private readonly double[] _threshold;
    private readonly double[] _mean;

    /// <summary>The per-column constants of <paramref name="settings"/> for rows of <paramref name="columns"/> features.</summary>
    public RowSgdStep(DenseSgdSettings settings, int columns)
    {
        _shrink = new double[columns];
        _gain = new double[columns];
        _threshold = new double[columns];
        _mean = settings.Mean is null ? new double[columns] : (double[])settings.Mean.Clone();
        for (int j = 0; j < columns; j++)
        {
            double inverseSquare = settings.Scale is null ? 1.0 : 1.0 / (settings.Scale[j] * settings.Scale[j]);
            _shrink[j] = 1.0 - (settings.LearningRate * settings.L2 * inverseSquare);
            _gain[j] = inverseSquare;
            _threshold[j] = settings.LearningRate * settings.L1 * inverseSquare;
        }
    }

    /// <summary>
    /// w_j ← soft(shrink_j·w_j − q·gain_j·(x_j − μ_j), threshold_j) for every j, q = η·dloss/dz; returns Σ_j μ_j·w_j of the
    /// new weights (the raw intercept is the solver intercept minus it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Apply<T>(Span<double> w, ReadOnlySpan<T> x, double q)
        where T : unmanaged
    {
        ref double wr = ref MemoryMarshal.GetReference(w);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref double shrink = ref MemoryMarshal.GetArrayDataReference(_shrink);
        ref double gain = ref MemoryMarshal.GetArrayDataReference(_gain);
        ref double threshold = ref MemoryMarshal.GetArrayDataReference(_threshold);
        ref double mean = ref MemoryMarshal.GetArrayDataReference(_mean);
        nuint n = (nuint)w.Length;
        nuint j = 0;
        double shift = 0.0;
        if (Vector256.IsHardwareAccelerated)
        {
            var qv = Vector256.Create(q);
            var shifts = Vector256<double>.Zero;
            for (; j + 4 <= n; j += 4)
            {
                var moved = (Vector256.LoadUnsafe(ref shrink, j) * Vector256.LoadUnsafe(ref wr, j))
                    - (qv * (Vector256.LoadUnsafe(ref gain, j) * (FeatureElements.Load4(ref xr, j) - Vector256.LoadUnsafe(ref mean, j))));
                var t = Vector256.LoadUnsafe(ref threshold, j);
                var next = moved - Vector256.Min(Vector256.Max(moved, -t), t);
                next.StoreUnsafe(ref wr, j);
                shifts += Vector256.LoadUnsafe(ref mean, j) * next;
            }

            shift = Vector256.Sum(shifts);
        }

        for (; j < n; j++)
        {
            double moved = (Unsafe.Add(ref shrink, j) * Unsafe.Add(ref wr, j))
                - (q * (Unsafe.Add(ref gain, j) * (FeatureElements.Load(ref xr, j) - Unsafe.Add(ref mean, j))));
            double t = Unsafe.Add(ref threshold, j);

            // moved − clamp(moved, −t, t) is the soft threshold sign(moved)·max(|moved| − t, 0), exactly, without a branch.
            double next = moved - Math.Min(Math.Max(moved, -t), t);
            Unsafe.Add(ref wr, j) = next;
            shift += Unsafe.Add(ref mean, j) * next;
        }

        return shift;
    }
}
