namespace OrleansTrainer.Numerics;

/// <summary>The L1 pieces of OWL-QN (Andrew and Gao 2007): the penalty, the pseudo-gradient and the orthant projection, with per-coordinate strengths lambda_j.</summary>
internal static class OrthantWise
{
    /// <summary>sum_j lambda_j |x_j|.</summary>
    public static double Penalty(ReadOnlySpan<double> point, ReadOnlySpan<double> l1Weights)
    {
        double penalty = 0.0;
        for (int j = 0; j < point.Length; j++)
        {
            penalty += l1Weights[j] * Math.Abs(point[j]);
        }

        return penalty;
    }

    /// <summary>
    /// The pseudo-gradient of f + lambda |x| in one coordinate: g + lambda sign(x) off zero; at zero the one-sided
    /// derivative that points downhill (g + lambda when that is below 0, g − lambda when that is above 0), else 0.
    /// </summary>
    public static double PseudoGradient(double x, double gradient, double l1Weight)
    {
        if (x > 0.0)
        {
            return gradient + l1Weight;
        }

        if (x < 0.0)
        {
            return gradient - l1Weight;
        }

        if (gradient + l1Weight < 0.0)
        {
            return gradient + l1Weight;
        }

        return gradient - l1Weight > 0.0 ? gradient - l1Weight : 0.0;
    }

    /// <summary>
    /// A trial coordinate kept in the orthant of the start coordinate: the start's sign, or, at zero, the sign of
    /// the negative pseudo-gradient. A penalized trial that leaves the orthant becomes 0; unpenalized ones are free.
    /// </summary>
    public static double Project(double trial, double start, double pseudoGradient, double l1Weight)
    {
        if (l1Weight == 0.0)
        {
            return trial;
        }

        double orthant = start != 0.0 ? start : -pseudoGradient;
        return (trial > 0.0 && orthant > 0.0) || (trial < 0.0 && orthant < 0.0) ? trial : 0.0;
    }
}
