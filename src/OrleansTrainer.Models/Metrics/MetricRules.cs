namespace OrleansTrainer.Models.Metrics;

/// <summary>scikit-learn's conventions for ratios that can be 0 / 0.</summary>
internal static class MetricRules
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, or 0 when the denominator is 0 (<c>zero_division=0</c>).</summary>
    public static double RatioOrZero(double numerator, double denominator) =>
        denominator != 0.0 ? numerator / denominator : 0.0;

    /// <summary>F1 = 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall; 0 when all three are 0.</summary>
    public static double F1(double truePositives, double falsePositives, double falseNegatives) =>
        RatioOrZero(2.0 * truePositives, (2.0 * truePositives) + falsePositives + falseNegatives);

    /// <summary>
    /// 1 − <paramref name="unexplained"/> / <paramref name="total"/> (R², explained variance) as scikit-learn's
    /// <c>force_finite=True</c> has it: 1 when nothing is unexplained, else 0 when the label is constant.
    /// </summary>
    public static double Determination(double unexplained, double total) =>
        unexplained == 0.0 ? 1.0 : total == 0.0 ? 0.0 : 1.0 - (unexplained / total);

    /// <summary><paramref name="value"/>, or NaN when there is no weight to judge by.</summary>
    public static double WhenWeighted(double weightSum, double value) => weightSum > 0.0 ? value : double.NaN;
}
