using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>
/// x·w of dense rows (float32 or float64 features) with float64 weights, on the gradient kernels' own dot product:
/// the AVX2 kernel where the CPU has it, the scalar one otherwise. What scoring rows needs (margins, no gradient).
/// </summary>
public static class RowDot
{
    /// <summary>Rows ahead whose cache lines are requested while a row is scored: a chosen subset of rows is not a stream the hardware prefetcher follows.</summary>
    private const int PrefetchAhead = 4;

    /// <summary>Σ x_j·w_j in double precision, x widened to double.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Of<T>(ReadOnlySpan<T> x, ReadOnlySpan<double> w)
        where T : unmanaged
    {
        if (x.Length != w.Length)
        {
            throw new ArgumentException($"A row of {x.Length} features against {w.Length} weights.", nameof(w));
        }

        return Vector256RowKernel.IsSupported ? Vector256RowKernel.Dot(x, w) : ScalarRowKernel.Dot(x, w);
    }

    /// <summary>
    /// <paramref name="into"/>[i] = x_r·w for r = <paramref name="rows"/>[i] of the row-major <paramref name="features"/>
    /// (<c>w.Length</c> columns), requesting rows a few places ahead from memory as it goes.
    /// </summary>
    /// <exception cref="ArgumentException">The output is shorter than the row list.</exception>
    public static unsafe void OfRows<T>(ReadOnlySpan<T> features, ReadOnlySpan<int> rows, ReadOnlySpan<double> w, Span<double> into)
        where T : unmanaged
    {
        if (into.Length < rows.Length)
        {
            throw new ArgumentException($"{into.Length} outputs for {rows.Length} rows.", nameof(into));
        }

        var columns = w.Length;
        var rowBytes = columns * sizeof(T);
        fixed (T* first = features)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                if (Sse.IsSupported && i + PrefetchAhead < rows.Length)
                {
                    var ahead = (byte*)(first + ((long)rows[i + PrefetchAhead] * columns));
                    for (var b = 0; b < rowBytes; b += 64)
                    {
                        Sse.Prefetch0(ahead + b);
                    }
                }

                into[i] = Of(features.Slice(rows[i] * columns, columns), w);
            }
        }
    }
}
