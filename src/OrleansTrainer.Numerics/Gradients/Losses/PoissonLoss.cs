using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Poisson regression with the log link on labels y ≥ 0: loss = e^z − y z, derivative e^z − y (e^z overflows to +∞
/// beyond z ≈ 709.78); the prediction is the expected count e^z.
/// </summary>
public readonly struct PoissonLoss : ILoss
{
    /// <inheritdoc />
    public bool ChecksLabels => true;

    /// <inheritdoc />
    public string LabelRequirement => "the Poisson loss needs labels ≥ 0";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z, double y, out double derivative)
    {
        double mean = Math.Exp(z);
        derivative = mean - y;
        return mean - (y * z);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        var mean = Vector256Math.Exp(z);
        derivative = mean - y;
        return mean - (y * z);
    }

    /// <inheritdoc />
    public bool AcceptsLabel(double y) => y >= 0.0;

    /// <inheritdoc />
    public double Link(double z) => Math.Exp(z);
}
