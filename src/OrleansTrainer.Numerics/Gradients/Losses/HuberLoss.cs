using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Huber regression with threshold <see cref="Delta"/>, r = z − y: loss = 0.5 r² where |r| ≤ delta, delta (|r| − delta / 2)
/// beyond; derivative clamp(r, −delta, delta); any label; the prediction is z.
/// </summary>
/// <param name="delta">The residual size where the loss turns from quadratic to linear; finite and &gt; 0.</param>
public readonly struct HuberLoss(double delta) : ILoss
{
    /// <summary>The residual size where the loss turns from quadratic to linear.</summary>
    public double Delta { get; } = delta;

    /// <inheritdoc />
    public bool ChecksLabels => false;

    /// <inheritdoc />
    public string LabelRequirement => "the Huber loss takes any label";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z, double y, out double derivative)
    {
        // 0.5 r^2 inside the threshold, delta (|r| - delta / 2) outside; a NaN residual fails the comparison and stays NaN.
        double residual = z - y;
        double size = Math.Abs(residual);
        if (size > Delta)
        {
            derivative = Math.CopySign(Delta, residual);
            return Delta * (size - (0.5 * Delta));
        }

        derivative = residual;
        return 0.5 * residual * residual;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        // As Evaluate: beyond the threshold (never for NaN) the linear piece and ±delta.
        var residual = z - y;
        var size = Vector256.Abs(residual);
        var threshold = Vector256.Create(Delta);
        var outside = Vector256.GreaterThan(size, threshold);
        derivative = Vector256.ConditionalSelect(outside, Vector256.CopySign(threshold, residual), residual);
        var linear = threshold * (size - Vector256.Create(0.5 * Delta));
        return Vector256.ConditionalSelect(outside, linear, Vector256.Create(0.5) * residual * residual);
    }

    /// <inheritdoc />
    public bool AcceptsLabel(double y) => true;

    /// <inheritdoc />
    public double Link(double z) => z;
}
