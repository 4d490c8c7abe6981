namespace OrleansTrainer.Numerics;

/// <summary>
/// The constants of a per-row SGD walk (<see cref="DenseSgd"/>): the step size, the penalties and, when the solver works
/// on standardized features, the columns' means and scales.
/// </summary>
/// <param name="LearningRate">η, finite and positive.</param>
/// <param name="L2">The L2 coefficient, finite and ≥ 0; it acts on the original-scale weights.</param>
/// <param name="L1">The L1 coefficient, finite and ≥ 0; it acts on the original-scale weights.</param>
/// <param name="FitIntercept">Whether the intercept is trained (else it keeps its value).</param>
/// <param name="Mean">Per-column means of the standardization, or null for raw features.</param>
/// <param name="Scale">Per-column scales (all positive) of the standardization, or null for raw features; with <paramref name="Mean"/>.</param>
public sealed record DenseSgdSettings(double LearningRate, double L2, double L1, bool FitIntercept, double[]? Mean = null, double[]? Scale = null)
{
    /// <summary>Throws unless the constants are in range and the standardization, if any, has <paramref name="columns"/> entries.</summary>
    /// <param name="columns">The row width.</param>
    /// <exception cref="ArgumentException">A constant is out of range, or the means and scales do not fit.</exception>
    public void Validate(int columns)
    {
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)) || !(L2 >= 0 && double.IsFinite(L2)) || !(L1 >= 0 && double.IsFinite(L1)))
        {
            throw new ArgumentException($"Needs a finite learning rate > 0 and finite L2, L1 ≥ 0; got rate {LearningRate}, L2 {L2}, L1 {L1}.", nameof(LearningRate));
        }

        if ((Mean is null) != (Scale is null)
            || (Mean is not null && (Mean.Length != columns || Scale!.Length != columns || Scale.Any(s => !(s > 0 && double.IsFinite(s))))))
        {
            throw new ArgumentException($"The standardization needs {columns} means and {columns} positive finite scales, or neither.", nameof(Scale));
        }
    }
}
