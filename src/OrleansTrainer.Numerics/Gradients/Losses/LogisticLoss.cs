using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Logistic regression on labels in {0, 1}: loss = log(1 + e^z) − y z, derivative sigmoid(z) − y, without overflow for
/// any finite z; the prediction is sigmoid(z), the probability of class 1. Labels are not checked row by row (the
/// formulas take soft labels in [0, 1]).
/// </summary>
public readonly struct LogisticLoss : ILoss
{
    /// <inheritdoc />
    public bool ChecksLabels => false;

    /// <inheritdoc />
    public string LabelRequirement => "the logistic loss takes any label (0 or 1 for a likelihood)";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Evaluate(double z, double y, out double derivative)
    {
        double decay = Math.Exp(-Math.Abs(z));

        // sigmoid(z) - y with t = sigmoid(-|z|) = e^-|z| / (1 + e^-|z|): z >= 0: sigmoid(z) = 1 - t, so (1 - y) - t; z < 0: t - y.
        double tail = decay / (1.0 + decay);
        derivative = z >= 0.0 ? (1.0 - y) - tail : tail - y;

        // softplus(z) - y z = (max(z, 0) - y z) + log1p(e^-|z|); the bracket is exactly 0 for a correctly signed 0/1 label.
        return (Math.Max(z, 0.0) - (y * z)) + LogOnePlus(decay);
    }

    /// <inheritdoc />
    public Vector256<double> Evaluate4(Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
    {
        // As Evaluate, with Vector256Math's exp and log1p (within a few ulps of Math's).
        var one = Vector256<double>.One;
        var decay = Vector256Math.ExpNonPositive(-Vector256.Abs(z));
        var tail = decay / (one + decay);
        derivative = Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), (one - y) - tail, tail - y);
        return (Vector256.Max(z, Vector256<double>.Zero) - (y * z)) + Vector256Math.LogOnePlusUnit(decay);
    }

    /// <inheritdoc />
    public bool AcceptsLabel(double y) => true;

    /// <inheritdoc />
    public double Link(double z) => 1.0 / (1.0 + Math.Exp(-z));

    // Accurate log(1 + t) for t in [0, 1] (Goldberg's correction; Math has no log1p).
    private static double LogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * (t / (u - 1.0));
    }
}
