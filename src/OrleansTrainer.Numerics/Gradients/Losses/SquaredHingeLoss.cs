using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The linear SVM's squared hinge on labels in {0, 1}, t = 2y − 1: loss = max(0, 1 − t z)², derivative
/// −2 t max(0, 1 − t z); the prediction is class 1 when z ≥ 0, else class 0 (z itself is the decision value).
/// </summary>
public readonly struct SquaredHingeLoss : ILoss
{
    /// <inheritdoc />
    public bool ChecksLabels => true;

    /// <inheritdoc />
    public string LabelRequirement => "the squared hinge loss needs labels in {0, 1}";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z, double y, out double derivative)
    {
        double t = (2.0 * y) - 1.0;

        // Math.Max(0, NaN) is NaN, so a NaN prediction gives a NaN loss and derivative.
        double gap = Math.Max(0.0, 1.0 - (t * z));
        derivative = -2.0 * t * gap;
        return gap * gap;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        // As Evaluate; Vector256.Max propagates NaN as Math.Max does.
        var t = (Vector256.Create(2.0) * y) - Vector256<double>.One;
        var gap = Vector256.Max(Vector256<double>.Zero, Vector256<double>.One - (t * z));
        derivative = Vector256.Create(-2.0) * t * gap;
        return gap * gap;
    }

    /// <inheritdoc />
    public bool AcceptsLabel(double y) => y is 0.0 or 1.0;

    /// <inheritdoc />
    public double Link(double z) => z >= 0.0 ? 1.0 : 0.0;
}
