using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The per-row primitives of the fused gradient pass, for one row or a block of four (the four
/// rows' scalars travel as the lanes of a <see cref="Vector256{T}"/>). A block of four gives, per
/// row, bit for bit what the one-row forms give, so a row's contribution never depends on where it
/// falls in a chunk. Callers guarantee that every row span has the length of the weights / gradient.
/// Rows are float32 or float64 (the type parameter of each method); arithmetic is float64.
/// </summary>
internal interface IRowKernel
{
    /// <summary>x · w accumulated in float64.</summary>
    static abstract double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<double> w)
        where T : unmanaged;

    /// <summary>The four dot products x_k · w, lane k.</summary>
    static abstract Vector256<double> Dot4<T>(
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3, ReadOnlySpan<double> w)
        where T : unmanaged;

    /// <summary>Per lane: returns loss(z, y) and sets <paramref name="derivative"/> to dloss/dz.</summary>
    static abstract Vector256<double> Evaluate4<TLoss>(
        TLoss loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
        where TLoss : struct, ILoss;

    /// <summary>gradient += r x.</summary>
    static abstract void AddScaled<T>(Span<double> gradient, ReadOnlySpan<T> x, double r)
        where T : unmanaged;

    /// <summary>gradient += r[0] x0, then r[1] x1, r[2] x2, r[3] x3, in that order per element.</summary>
    static abstract void AddScaled4<T>(
        Span<double> gradient,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3,
        Vector256<double> r)
        where T : unmanaged;
}
