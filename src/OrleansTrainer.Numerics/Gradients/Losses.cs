namespace OrleansTrainer.Numerics;

/// <summary>Values and derivatives of the losses in <see cref="LossKind"/>, computed without overflow for any finite prediction.</summary>
public static class Losses
{
    /// <summary>The loss of prediction <paramref name="z"/> against label <paramref name="y"/>.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>).</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Value(LossKind kind, double z, double y) => kind switch
    {
        LossKind.SquaredError => SquaredErrorValue(z, y),
        LossKind.Logistic => LogisticValue(z, y, Math.Exp(-Math.Abs(z))),
        _ => throw UnknownKind(kind),
    };

    /// <summary>The derivative of the loss with respect to the prediction <paramref name="z"/>.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>).</param>
    /// <returns>d loss / d z; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Derivative(LossKind kind, double z, double y) => kind switch
    {
        LossKind.SquaredError => z - y,
        LossKind.Logistic => LogisticDerivative(z, y, Math.Exp(-Math.Abs(z))),
        _ => throw UnknownKind(kind),
    };

    /// <summary>Value and derivative together, sharing the one exponential the logistic loss needs; bit-identical to <see cref="Value"/> and <see cref="Derivative"/>.</summary>
    internal static double Evaluate(LossKind kind, double z, double y, out double derivative)
    {
        if (kind == LossKind.SquaredError)
        {
            derivative = z - y;
            return SquaredErrorValue(z, y);
        }

        if (kind != LossKind.Logistic)
        {
            throw UnknownKind(kind);
        }

        double decay = Math.Exp(-Math.Abs(z));
        derivative = LogisticDerivative(z, y, decay);
        return LogisticValue(z, y, decay);
    }

    internal static ArgumentOutOfRangeException UnknownKind(LossKind kind) =>
        new(nameof(kind), kind, "Unknown loss kind.");

    private static double SquaredErrorValue(double z, double y)
    {
        double residual = z - y;
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
