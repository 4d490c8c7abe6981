using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The per-row primitives of the fused gradient pass, for one row or a block of four (the four
/// rows' scalars travel as the lanes of a <see cref="Vector256{T}"/>). A block of four gives, per
/// row, bit for bit what the one-row forms give, so a row's contribution never depends on where it
/// falls in a chunk. Callers guarantee that every row span has the length of the weights / gradient.
/// </summary>
internal interface IRowKernel
{
    /// <summary>x · w accumulated in float64.</summary>
    static abstract double Dot(ReadOnlySpan<float> x, ReadOnlySpan<double> w);

    /// <summary>The four dot products x_k · w, lane k.</summary>
    static abstract Vector256<double> Dot4(
        ReadOnlySpan<float> x0, ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, ReadOnlySpan<float> x3, ReadOnlySpan<double> w);

    /// <summary>Per lane: returns loss(z, y) and sets <paramref name="derivative"/> to dloss/dz.</summary>
    static abstract Vector256<double> Evaluate4(
        LossKind loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative);

    /// <summary>gradient += r x.</summary>
    static abstract void AddScaled(Span<double> gradient, ReadOnlySpan<float> x, double r);

    /// <summary>gradient += r[0] x0, then r[1] x1, r[2] x2, r[3] x3, in that order per element.</summary>
    static abstract void AddScaled4(
        Span<double> gradient,
        ReadOnlySpan<float> x0, ReadOnlySpan<float> x1, ReadOnlySpan<float> x2, ReadOnlySpan<float> x3,
        Vector256<double> r);
}
