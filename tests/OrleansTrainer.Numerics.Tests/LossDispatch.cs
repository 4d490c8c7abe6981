using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The internal loss-generic APIs called with a run-time <see cref="LossSpec"/>, as the public entry points do.</summary>
internal static class LossDispatch
{
    /// <summary>The row kernel's four-lane loss of <paramref name="loss"/>.</summary>
    public static Vector256<double> Evaluate4<TKernel>(LossSpec loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
        where TKernel : IRowKernel
    {
        (var values, derivative) = loss.Accept<Lanes<TKernel>, (Vector256<double>, Vector256<double>)>(new(z, y));
        return values;
    }

    /// <summary>The loss struct's own Vector256 form (<see cref="ILoss.Evaluate4"/>).</summary>
    public static Vector256<double> Vector(LossSpec loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative) =>
        Evaluate4<Vector256RowKernel>(loss, z, y, out derivative);

    /// <summary><see cref="ChunkedPass.Serial{TRows, TKernel, T, TLoss}"/> over every row of a row-major block.</summary>
    public static GradientSums Serial<TKernel, T>(
        LossSpec loss, ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int cols,
        ReadOnlySpan<double> weights, double intercept, Span<double> gradient)
        where TKernel : IRowKernel
        where T : unmanaged =>
        loss.Accept<Pass<TKernel, T>, GradientSums>(new(features, labels, sampleWeights, cols, weights, intercept, gradient));

    private readonly struct Lanes<TKernel>(Vector256<double> z, Vector256<double> y) : ILossVisitor<(Vector256<double>, Vector256<double>)>
        where TKernel : IRowKernel
    {
        public (Vector256<double>, Vector256<double>) Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            var values = TKernel.Evaluate4(loss, z, y, out var derivative);
            return (values, derivative);
        }
    }

    private readonly ref struct Pass<TKernel, T>(
        ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int cols,
        ReadOnlySpan<double> weights, double intercept, Span<double> gradient) : ILossVisitor<GradientSums>
        where TKernel : IRowKernel
        where T : unmanaged
    {
        private readonly ReadOnlySpan<T> _features = features;
        private readonly ReadOnlySpan<double> _labels = labels;
        private readonly ReadOnlySpan<double> _sampleWeights = sampleWeights;
        private readonly ReadOnlySpan<double> _weights = weights;
        private readonly Span<double> _gradient = gradient;

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss =>
            ChunkedPass.Serial<ContiguousRows<T>, TKernel, T, TLoss>(
                loss, new ContiguousRows<T>(_features, _labels, _sampleWeights, cols), _weights, intercept, _gradient);
    }
}
