namespace OrleansTrainer.Numerics;

/// <summary>Values and derivatives of the losses in <see cref="LossKind"/>, computed without overflow for any finite prediction
/// (the Poisson loss excepted: e^z overflows to +∞ beyond z ≈ 709.78).</summary>
public static class Losses
{
    /// <summary>The loss of prediction <paramref name="z"/> against label <paramref name="y"/>, with the kind's default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Value(LossKind kind, double z, double y) => Value(new LossSpec(kind), z, y);

    /// <summary>The loss of prediction <paramref name="z"/> against label <paramref name="y"/>.</summary>
    /// <param name="loss">Which loss, with its parameters.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Value(LossSpec loss, double z, double y) => Evaluate(loss, z, y, out _);

    /// <summary>The derivative of the loss with respect to the prediction <paramref name="z"/>, with the kind's default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>d loss / d z; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Derivative(LossKind kind, double z, double y) => Derivative(new LossSpec(kind), z, y);

    /// <summary>The derivative of the loss with respect to the prediction <paramref name="z"/>.</summary>
    /// <param name="loss">Which loss, with its parameters.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>d loss / d z; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Derivative(LossSpec loss, double z, double y)
    {
        Evaluate(loss, z, y, out double derivative);
        return derivative;
    }

    /// <summary>Value and derivative together, sharing the one exponential the logistic and Poisson losses need;
    /// bit-identical to <see cref="Value(LossSpec, double, double)"/> and <see cref="Derivative(LossSpec, double, double)"/>.</summary>
    internal static double Evaluate(LossSpec loss, double z, double y, out double derivative)
    {
        switch (loss.Kind)
        {
            case LossKind.SquaredError:
                derivative = z - y;
                return SquaredErrorValue(z, y);
            case LossKind.Logistic:
                double decay = Math.Exp(-Math.Abs(z));
                derivative = LogisticDerivative(z, y, decay);
                return LogisticValue(z, y, decay);
            case LossKind.Huber:
                loss.Validate();
                return Huber(z - y, loss.HuberDelta, out derivative);
            case LossKind.Poisson:
                double mean = Math.Exp(z);
                derivative = mean - y;
                return mean - (y * z);
            default:
                throw UnknownKind(loss.Kind);
        }
    }

    internal static ArgumentOutOfRangeException UnknownKind(LossKind kind) =>
        new(nameof(kind), kind, "Unknown loss kind.");

    private static double SquaredErrorValue(double z, double y)
    {
        double residual = z - y;
        return 0.5 * residual * residual;
    }

    // 0.5 r^2 inside the threshold, delta (|r| - delta / 2) outside; the derivative is r clamped to [-delta, delta].
    // A NaN residual fails both comparisons and stays NaN.
    private static double Huber(double residual, double delta, out double derivative)
    {
        double size = Math.Abs(residual);
        if (size > delta)
        {
            derivative = Math.CopySign(delta, residual);
            return delta * (size - (0.5 * delta));
        }

        derivative = residual;
        return 0.5 * residual * residual;
    }

    // softplus(z) - y z = (max(z, 0) - y z) + log1p(e^-|z|); the bracket is exactly 0 for a
    // correctly signed 0/1 label, so confident right answers keep full relative precision.
    private static double LogisticValue(double z, double y, double decay) =>
        (Math.Max(z, 0.0) - (y * z)) + LogOnePlus(decay);

    // sigmoid(z) - y with t = sigmoid(-|z|) = e^-|z| / (1 + e^-|z|):
    // z >= 0: sigmoid(z) = 1 - t, so (1 - y) - t; z < 0: sigmoid(z) = t, so t - y.
    private static double LogisticDerivative(double z, double y, double decay)
    {
        double tail = decay / (1.0 + decay);
        return z >= 0.0 ? (1.0 - y) - tail : tail - y;
    }

    // Accurate log(1 + t) for t in [0, 1] (Goldberg's correction; Math has no log1p).
    private static double LogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * (t / (u - 1.0));
    }
}
