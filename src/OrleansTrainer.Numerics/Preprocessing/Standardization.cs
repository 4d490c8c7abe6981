namespace OrleansTrainer.Numerics;

/// <summary>
/// Conversions between the raw model f(x) = w·x + b and the solver's standardized coordinates
/// f(x) = sum_j ((x_j - mean_j) / scale_j) v_j + c, in which the solver takes its steps.
/// </summary>
public static class Standardization
{
    /// <summary>Raw weights from solver weights: w_j = v_j / scale_j, b = c - sum_j mean_j v_j / scale_j.</summary>
    /// <param name="solverWeights">v, one per feature.</param>
    /// <param name="solverIntercept">c.</param>
    /// <param name="mean">Per-feature mean.</param>
    /// <param name="scale">Per-feature scale (see <see cref="SafeScale"/>).</param>
    /// <param name="rawWeights">Receives w.</param>
    /// <param name="rawIntercept">Receives b.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void ToRawModel(
        ReadOnlySpan<double> solverWeights,
        double solverIntercept,
        ReadOnlySpan<double> mean,
        ReadOnlySpan<double> scale,
        Span<double> rawWeights,
        out double rawIntercept)
    {
        CheckLengths(solverWeights.Length, mean.Length, scale.Length, rawWeights.Length);
        double shift = 0.0;
        for (int j = 0; j < solverWeights.Length; j++)
        {
            double w = solverWeights[j] / scale[j];
            rawWeights[j] = w;
            shift += mean[j] * w;
        }

        rawIntercept = solverIntercept - shift;
    }

    /// <summary>Solver weights from raw weights (the inverse of <see cref="ToRawModel"/>): v_j = w_j scale_j, c = b + sum_j mean_j w_j.</summary>
    /// <param name="rawWeights">w, one per feature.</param>
    /// <param name="rawIntercept">b.</param>
    /// <param name="mean">Per-feature mean.</param>
    /// <param name="scale">Per-feature scale (see <see cref="SafeScale"/>).</param>
    /// <param name="solverWeights">Receives v.</param>
    /// <param name="solverIntercept">Receives c.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void ToSolverModel(
        ReadOnlySpan<double> rawWeights,
        double rawIntercept,
        ReadOnlySpan<double> mean,
        ReadOnlySpan<double> scale,
        Span<double> solverWeights,
        out double solverIntercept)
    {
        CheckLengths(rawWeights.Length, mean.Length, scale.Length, solverWeights.Length);
        double shift = 0.0;
        for (int j = 0; j < rawWeights.Length; j++)
        {
            solverWeights[j] = rawWeights[j] * scale[j];
            shift += mean[j] * rawWeights[j];
        }

        solverIntercept = rawIntercept + shift;
    }

    /// <summary>
    /// The gradient with respect to the solver weights from the gradient with respect to the raw weights
    /// (as <see cref="GradientKernel"/> computes it at the raw model):
    /// g_v_j = (rawGradient_j - mean_j interceptGradient) / scale_j. The intercept's gradient is
    /// the same in both coordinates.
    /// </summary>
    /// <param name="rawGradient">d loss / d w_j.</param>
    /// <param name="interceptGradient">d loss / d b (= d loss / d c).</param>
    /// <param name="mean">Per-feature mean.</param>
    /// <param name="scale">Per-feature scale.</param>
    /// <param name="solverGradient">Receives d loss / d v_j.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void ToSolverGradient(
        ReadOnlySpan<double> rawGradient,
        double interceptGradient,
        ReadOnlySpan<double> mean,
        ReadOnlySpan<double> scale,
        Span<double> solverGradient)
    {
        CheckLengths(rawGradient.Length, mean.Length, scale.Length, solverGradient.Length);
        for (int j = 0; j < rawGradient.Length; j++)
        {
            solverGradient[j] = (rawGradient[j] - (mean[j] * interceptGradient)) / scale[j];
        }
    }

    /// <summary>Scales to divide by: each standard deviation, or 1 where it is zero, negative or not finite (constant columns).</summary>
    /// <param name="std">Per-feature standard deviation.</param>
    /// <returns>A new array of usable scales.</returns>
    public static double[] SafeScale(ReadOnlySpan<double> std)
    {
        var scale = new double[std.Length];
        for (int j = 0; j < std.Length; j++)
        {
            double s = std[j];
            scale[j] = s > 0.0 && double.IsFinite(s) ? s : 1.0;
        }

        return scale;
    }

    private static void CheckLengths(int cols, int meanLength, int scaleLength, int outputLength)
    {
        if (meanLength != cols || scaleLength != cols || outputLength != cols)
        {
            throw new ArgumentException(
                $"Every vector needs {cols} entries; got mean {meanLength}, scale {scaleLength}, output {outputLength}.");
        }
    }
}
