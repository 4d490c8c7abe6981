using System.Globalization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// When a job whose steps the blocks take stops: after <see cref="JobSpec.MaxRounds"/> rounds, and — for a solver whose
/// rounds see every row — once the gradient's Euclidean norm reaches <see cref="JobSpec.GradientTolerance"/> (absolute;
/// default off) or the objective's relative change between rounds falls below <see cref="JobSpec.Tolerance"/> (default
/// <see cref="DefaultTolerance"/>). A mini-batch's gradient and objective are noisy estimates, so neither test applies to them.
/// </summary>
/// <param name="FullBatch">Whether every round uses every row.</param>
internal sealed record StoppingRule(bool FullBatch)
{
    /// <summary>The relative objective change below which a full-batch job stops when the spec leaves <see cref="JobSpec.Tolerance"/> null.</summary>
    public const double DefaultTolerance = 1e-10;

    /// <summary>The reason to stop after <paramref name="committed"/> rounds, or null to go on.</summary>
    public string? Check(JobSpec spec, long committed, double previous, double objective, double gradientNorm)
    {
        var gradientTolerance = spec.GradientTolerance ?? 0;
        if (FullBatch && double.IsFinite(gradientNorm) && gradientTolerance > 0 && gradientNorm <= gradientTolerance)
        {
            return string.Create(CultureInfo.InvariantCulture, $"gradient norm {gradientNorm:G4} reached the tolerance {gradientTolerance:G4}");
        }

        var tolerance = spec.Tolerance ?? DefaultTolerance;
        if (FullBatch && tolerance > 0 && double.IsFinite(previous) && double.IsFinite(objective)
            && Math.Abs(previous - objective) <= tolerance * Math.Max(Math.Abs(previous), double.Epsilon))
        {
            return string.Create(CultureInfo.InvariantCulture, $"relative objective change fell below {tolerance:G4}");
        }

        return committed >= spec.MaxRounds ? $"reached MaxRounds ({spec.MaxRounds})" : null;
    }
}
