using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The losses of <see cref="Losses"/> on four predictions at once, same formulas lane by lane, with
/// <see cref="Vector256Math"/> in place of <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/>
/// (they agree to within a few ulps).
/// </summary>
internal static class LossVectors
{
    /// <summary>Per lane: returns loss(z, y) and sets <paramref name="derivative"/> to dloss/dz.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Evaluate(
        LossSpec loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        switch (loss.Kind)
        {
            case LossKind.SquaredError:
                var residual = z - y;
                derivative = residual;
                return Vector256.Create(0.5) * residual * residual;
            case LossKind.Logistic:
                return Logistic(z, y, out derivative);
            case LossKind.Huber:
                return Huber(z - y, loss.HuberDelta, out derivative);
            case LossKind.Poisson:
                var mean = Vector256Math.Exp(z);
                derivative = mean - y;
                return mean - (y * z);
            default:
                throw Losses.UnknownKind(loss.Kind);
        }
    }

    private static Vector256<double> Logistic(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        var one = Vector256<double>.One;
        var decay = Vector256Math.ExpNonPositive(-Vector256.Abs(z));
        var tail = decay / (one + decay);
        derivative = Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), (one - y) - tail, tail - y);
        return (Vector256.Max(z, Vector256<double>.Zero) - (y * z)) + Vector256Math.LogOnePlusUnit(decay);
    }

    // As Losses.Huber: beyond the threshold (never for NaN) the linear piece and ±delta.
    private static Vector256<double> Huber(Vector256<double> residual, double delta, out Vector256<double> derivative)
    {
        var size = Vector256.Abs(residual);
        var threshold = Vector256.Create(delta);
        var outside = Vector256.GreaterThan(size, threshold);
        derivative = Vector256.ConditionalSelect(outside, Vector256.CopySign(threshold, residual), residual);
        var linear = threshold * (size - Vector256.Create(0.5 * delta));
        return Vector256.ConditionalSelect(outside, linear, Vector256.Create(0.5) * residual * residual);
    }
}
