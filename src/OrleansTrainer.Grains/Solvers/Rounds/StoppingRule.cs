using System.Globalization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// When a job whose steps the blocks take stops: after <see cref="JobSpec.MaxRounds"/> rounds, and — for a solver whose
/// rounds see every row — once the gradient norm reaches <see cref="JobSpec.GradientTolerance"/> or the objective's
/// relative change between rounds falls below <see cref="JobSpec.Tolerance"/> (a mini-batch's gradient and objective are
/// noisy estimates, so neither test applies to them).
/// </summary>
/// <param name="FullBatch">Whether every round uses every row.</param>
internal sealed record StoppingRule(bool FullBatch)
{
    /// <summary>The reason to stop after <paramref name="committed"/> rounds, or null to go on.</summary>
    public string? Check(JobSpec spec, long committed, double previous, double objective, double gradientNorm)
    {
        if (FullBatch && double.IsFinite(gradientNorm) && spec.GradientTolerance > 0 && gradientNorm <= spec.GradientTolerance)
        {
            return string.Create(CultureInfo.InvariantCulture, $"gradient norm {gradientNorm:G4} reached the tolerance {spec.GradientTolerance:G4}");
        }

        if (FullBatch && spec.Tolerance > 0 && double.IsFinite(previous) && double.IsFinite(objective)
            && Math.Abs(previous - objective) <= spec.Tolerance * Math.Max(Math.Abs(previous), double.Epsilon))
        {
            return string.Create(CultureInfo.InvariantCulture, $"relative objective change fell below {spec.Tolerance:G4}");
        }

        return committed >= spec.MaxRounds ? $"reached MaxRounds ({spec.MaxRounds})" : null;
    }
}
