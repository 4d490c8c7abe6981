using OrleansTrainer.Client;

namespace OrleansTrainer.MainJob;

/// <summary>Prints the distributed coefficients next to the closed-form ones.</summary>
internal static class Report
{
    /// <summary>The agreement the main job requires: max |difference| / max |closed-form coefficient|.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>Prints the comparison; returns 0 when the two agree within <see cref="Tolerance"/>, else 1.</summary>
    public static int Compare(LinearModel model, double[] closedWeights, double closedIntercept)
    {
        Console.WriteLine();
        Console.WriteLine($"{"coefficient",-12} {"distributed",18} {"closed form (MathNet QR)",26} {"difference",12}");
        double scale = 0, worst = 0;
        for (var j = 0; j <= closedWeights.Length; j++)
        {
            var name = j < closedWeights.Length ? model.FeatureNames[j] : "(intercept)";
            var ours = j < closedWeights.Length ? model.Weights[j] : model.Intercept;
            var exact = j < closedWeights.Length ? closedWeights[j] : closedIntercept;
            scale = Math.Max(scale, Math.Abs(exact));
            worst = Math.Max(worst, Math.Abs(ours - exact));
            Console.WriteLine($"{name,-12} {ours,18:F9} {exact,26:F9} {ours - exact,12:E2}");
        }

        var relative = worst / scale;
        Console.WriteLine();
        Console.WriteLine($"max |difference| / max |coefficient| = {relative:E2} ({(relative < Tolerance ? "agrees" : "DISAGREES")} within {Tolerance:E0})");
        return relative < Tolerance ? 0 : 1;
    }
}
