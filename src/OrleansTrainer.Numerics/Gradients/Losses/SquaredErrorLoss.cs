using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>Least squares: loss = 0.5 (z − y)², derivative z − y; any label; the prediction is z.</summary>
public readonly struct SquaredErrorLoss : ILoss
{
    /// <inheritdoc />
    public bool ChecksLabels => false;

    /// <inheritdoc />
    public string LabelRequirement => "the squared error takes any label";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z, double y, out double derivative)
    {
        derivative = z - y;
        double residual = z - y;
        return 0.5 * residual * residual;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        var residual = z - y;
        derivative = residual;
        return Vector256.Create(0.5) * residual * residual;
    }

    /// <inheritdoc />
    public bool AcceptsLabel(double y) => true;

    /// <inheritdoc />
    public double Link(double z) => z;
}
