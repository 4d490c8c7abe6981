using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The softmax pass over one chunk of rows, a panel of <see cref="SoftmaxModel.PanelRows"/> rows at a
/// time: the panel is widened to float64 (exact) and its scores Z = X Wᵀ + b come from register-blocked
/// tiles (<see cref="SoftmaxTiles.Scores"/>) while the next panel's rows are prefetched; then each row's
/// softmax is taken across the classes (max m, e_k = exp(z_k − m), loss = log(sum e) + m − z_y,
/// r_k = s (e_k / sum − [k = y])), four rows at a time in the lanes of class vectors; then G += Rᵀ X is
/// accumulated by tiles over the panel's rows (<see cref="SoftmaxTiles.Gradient"/>) into a padded chunk
/// accumulator, folded into the caller's buffer at the end. A row's scores and residuals depend only on
/// that row, and every sum runs in a fixed order within fixed panels and chunks, so the bits depend on
/// neither the thread count nor the feature type.
/// </summary>
internal static class SoftmaxChunk
{
    private static readonly Vector256<double> Lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);

    /// <summary>
    /// Sums rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of
    /// <paramref name="rows"/> into <paramref name="gradient"/> (classes × cols) and <paramref name="interceptGradient"/>
    /// (classes), both added to; <paramref name="scratch"/> is <see cref="SoftmaxModel.ScratchLength"/> doubles,
    /// <paramref name="columns"/> 2 × <see cref="SoftmaxModel.PaddedClasses"/> vectors. Losses, weights and intercept
    /// gradients are summed in four lanes (lane l: the chunk's rows ≡ l mod 4, in order) and the lanes added at the end.
    /// </summary>
    public static GradientSums Compute<TRows, T>(
        scoped in TRows rows,
        int start,
        int count,
        SoftmaxModel model,
        Span<double> gradient,
        Span<double> interceptGradient,
        Span<double> scratch,
        Span<Vector256<double>> columns)
        where TRows : IRowSource<T>, allows ref struct
        where T : unmanaged
    {
        int cols = model.Cols;
        int classes = model.Classes;
        int paddedCols = model.PaddedCols;
        int paddedClasses = model.PaddedClasses;
        int panelRows = model.PanelRows;
        var x = scratch[..(panelRows * paddedCols)];
        var z = scratch.Slice(x.Length, panelRows * paddedClasses);
        var g = scratch.Slice(x.Length + z.Length, paddedClasses * paddedCols);
        x.Clear();
        g.Clear();
        var losses = Vector256<double>.Zero;
        var weights = Vector256<double>.Zero;
        var interceptLanes = columns.Slice(paddedClasses, paddedClasses);
        interceptLanes.Clear();
        for (int first = start; first < start + count; first += panelRows)
        {
            int n = Math.Min(panelRows, start + count - first);
            for (int i = 0; i < n; i++)
            {
                Widen(rows.Row(first + i), x.Slice(i * paddedCols, cols));
            }

            int next = first + n;
            int nextRows = Math.Min(panelRows, start + count - next);
            for (int i = 0; i < n; i += 4)
            {
                Scores(model, x, z, i);

                // While the FMA units work, bring the next panel's rows toward L2 (its widening would wait on memory).
                for (int k = i; k < i + 4 && k < nextRows; k++)
                {
                    RowPrefetch.IntoL2(rows.Row(next + k));
                }
            }

            (var panelLosses, var panelWeights) = PanelResiduals<TRows, T>(rows, first, n, classes, z, paddedClasses, interceptLanes, columns[..paddedClasses]);
            losses += panelLosses;
            weights += panelWeights;
            PanelGradient(z, paddedClasses, x, paddedCols, n, g);
        }

        for (int k = 0; k < classes; k++)
        {
            var source = g.Slice(k * paddedCols, cols);
            var target = gradient.Slice(k * cols, cols);
            for (int j = 0; j < cols; j++)
            {
                target[j] += source[j];
            }

            interceptGradient[k] += Vector256.Sum(interceptLanes[k]);
        }

        return new GradientSums { Loss = Vector256.Sum(losses), WeightSum = Vector256.Sum(weights), Rows = count };
    }

    /// <summary>
    /// The residuals of a panel's <paramref name="n"/> rows in place of their scores (see <see cref="Residuals"/>);
    /// returns the weighted losses and the weights, each summed in four lanes.
    /// </summary>
    private static (Vector256<double> Losses, Vector256<double> Weights) PanelResiduals<TRows, T>(
        scoped in TRows rows,
        int first,
        int n,
        int classes,
        Span<double> z,
        int paddedClasses,
        Span<Vector256<double>> interceptLanes,
        Span<Vector256<double>> columns)
        where TRows : IRowSource<T>, allows ref struct
        where T : unmanaged
    {
        var losses = Vector256<double>.Zero;
        var weights = Vector256<double>.Zero;
        for (int i = 0; i < n; i += 4)
        {
            int row = first + i;
            Vector256<double> y;
            Vector256<double> s;
            if (n - i >= 4)
            {
                y = Vector256.Create(rows.Label(row), rows.Label(row + 1), rows.Label(row + 2), rows.Label(row + 3));
                s = Vector256.Create(rows.Weight(row), rows.Weight(row + 1), rows.Weight(row + 2), rows.Weight(row + 3));
            }
            else
            {
                y = Vector256<double>.Zero;
                s = Vector256<double>.Zero;
                for (int l = 0; l < n - i; l++)
                {
                    y = y.WithElement(l, rows.Label(row + l));
                    s = s.WithElement(l, rows.Weight(row + l));
                }
            }

            var live = Vector256.LessThan(Lane, Vector256.Create((double)(n - i)));
            losses += Residuals(z.Slice(i * paddedClasses, 4 * paddedClasses), classes, y, s, live, interceptLanes, columns);
            weights += s;
        }

        return (losses, weights);
    }

    /// <summary>g += Rᵀ X over a panel's <paramref name="n"/> rows, by 4-class × 8-column tiles (padding included).</summary>
    private static void PanelGradient(Span<double> r, int paddedClasses, Span<double> x, int paddedCols, int n, Span<double> g)
    {
        ref double rRef = ref MemoryMarshal.GetReference(r);
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double gRef = ref MemoryMarshal.GetReference(g);
        // Column strips outer: a strip of the panel (rows × 8 columns) stays in L1 while every class block uses it.
        for (int j = 0; j < paddedCols; j += 8)
        {
            for (int k = 0; k < paddedClasses; k += 4)
            {
                SoftmaxTiles.Gradient(
                    ref Unsafe.Add(ref rRef, k), paddedClasses, ref Unsafe.Add(ref xRef, j), paddedCols, n, ref Unsafe.Add(ref gRef, (k * paddedCols) + j), paddedCols);
            }
        }
    }

    /// <summary>The scores of panel rows <paramref name="first"/> .. + 3: class blocks of 12, then 8 or 4.</summary>
    private static void Scores(SoftmaxModel model, Span<double> x, Span<double> z, int first)
    {
        int paddedClasses = model.PaddedClasses;
        ref double xRows = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), first * model.PaddedCols);
        ref double zRows = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), first * paddedClasses);
        ref double w = ref MemoryMarshal.GetReference(model.Transposed);
        ref double intercepts = ref MemoryMarshal.GetReference(model.Intercepts);
        for (int k = 0; k < paddedClasses;)
        {
            int vectors = Math.Min(3, (paddedClasses - k) / 4);
            SoftmaxTiles.Scores(ref xRows, model.PaddedCols, model.Cols, ref w, paddedClasses, k, vectors, ref intercepts, ref zRows);
            k += 4 * vectors;
        }
    }

    /// <summary>
    /// Turns the scores of four panel rows (row-major, <paramref name="z"/>.Length / 4 padded classes each) into their
    /// weighted residuals s (softmax − onehot) in place, adds them to <paramref name="interceptLanes"/> (one vector
    /// per class, lane l summing the chunk's rows ≡ l mod 4), and returns the rows' weighted losses (one lane per row).
    /// Lanes outside <paramref name="live"/> (past the last row) give exact zeros.
    /// The rows are transposed into class vectors (one lane per row) so that max, exp, sum and log run on four rows
    /// at once with no horizontal step; <paramref name="columns"/> is scratch for the padded classes' vectors.
    /// </summary>
    private static Vector256<double> Residuals(
        Span<double> z,
        int classes,
        Vector256<double> y,
        Vector256<double> s,
        Vector256<double> live,
        Span<Vector256<double>> interceptLanes,
        Span<Vector256<double>> columns)
    {
        int padded = z.Length / 4;
        ref double zRef = ref MemoryMarshal.GetReference(z);
        for (int k = 0; k < padded; k += 4)
        {
            Transpose(
                ref Unsafe.Add(ref zRef, k), padded, out columns[k], out columns[k + 1], out columns[k + 2], out columns[k + 3]);
        }

        // NaN scores need not survive the max: they turn exp, the sum and so the loss into NaN anyway.
        var max = columns[0];
        for (int k = 1; k < classes; k++)
        {
            max = Avx.IsSupported ? Avx.Max(max, columns[k]) : Vector256.Max(max, columns[k]);
        }

        var sum = Vector256<double>.Zero;
        var picked = Vector256<double>.Zero;
        for (int k = 0; k < classes; k++)
        {
            picked = Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create((double)k)), columns[k], picked);
            var e = Vector256Math.ExpNonPositive(columns[k] - max);
            columns[k] = e;
            sum += e;
        }

        var scale = s / sum;
        for (int k = 0; k < padded; k++)
        {
            var r = Vector256<double>.Zero;
            if (k < classes)
            {
                var target = Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create((double)k)), s, Vector256<double>.Zero);
                r = Vector256.ConditionalSelect(live, (columns[k] * scale) - target, Vector256<double>.Zero);
            }

            columns[k] = r;
            interceptLanes[k] += r;
        }

        for (int k = 0; k < padded; k += 4)
        {
            Transpose(columns[k], columns[k + 1], columns[k + 2], columns[k + 3], ref Unsafe.Add(ref zRef, k), padded);
        }

        return Vector256.ConditionalSelect(live, ((Vector256Math.LogAtLeastOne(sum) + max) - picked) * s, Vector256<double>.Zero);
    }

    /// <summary>Columns k .. k + 3 of four rows <paramref name="stride"/> apart, as one vector per column (lane = row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        ref double rows, int stride, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3) =>
        Transpose4(
            Vector256.LoadUnsafe(ref rows),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, stride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 2 * stride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref rows, 3 * stride)),
            out c0,
            out c1,
            out c2,
            out c3);

    /// <summary>Four column vectors (lane = row) back into four rows <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(
        Vector256<double> c0, Vector256<double> c1, Vector256<double> c2, Vector256<double> c3, ref double rows, int stride)
    {
        Transpose4(c0, c1, c2, c3, out var r0, out var r1, out var r2, out var r3);
        r0.StoreUnsafe(ref rows);
        r1.StoreUnsafe(ref Unsafe.Add(ref rows, stride));
        r2.StoreUnsafe(ref Unsafe.Add(ref rows, 2 * stride));
        r3.StoreUnsafe(ref Unsafe.Add(ref rows, 3 * stride));
    }

    /// <summary>The 4 × 4 transpose: output t_j lane i = input a_i lane j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(
        Vector256<double> a0,
        Vector256<double> a1,
        Vector256<double> a2,
        Vector256<double> a3,
        out Vector256<double> t0,
        out Vector256<double> t1,
        out Vector256<double> t2,
        out Vector256<double> t3)
    {
        if (Avx.IsSupported)
        {
            var low01 = Avx.UnpackLow(a0, a1);
            var high01 = Avx.UnpackHigh(a0, a1);
            var low23 = Avx.UnpackLow(a2, a3);
            var high23 = Avx.UnpackHigh(a2, a3);
            t0 = Avx.Permute2x128(low01, low23, 0x20);
            t1 = Avx.Permute2x128(high01, high23, 0x20);
            t2 = Avx.Permute2x128(low01, low23, 0x31);
            t3 = Avx.Permute2x128(high01, high23, 0x31);
            return;
        }

        t0 = Vector256.Create(a0[0], a1[0], a2[0], a3[0]);
        t1 = Vector256.Create(a0[1], a1[1], a2[1], a3[1]);
        t2 = Vector256.Create(a0[2], a1[2], a2[2], a3[2]);
        t3 = Vector256.Create(a0[3], a1[3], a2[3], a3[3]);
    }

    /// <summary>A row as float64 (exact for float32).</summary>
    private static void Widen<T>(ReadOnlySpan<T> row, Span<double> target)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            FeatureElements.Widen(MemoryMarshal.Cast<T, float>(row), target);
        }
        else
        {
            MemoryMarshal.Cast<T, double>(row).CopyTo(target);
        }
    }
}
