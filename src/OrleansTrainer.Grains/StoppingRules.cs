using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>When a block-step job has converged or run out of rounds.</summary>
internal static class StoppingRules
{
    /// <summary>The reason to stop after <paramref name="committed"/> rounds, or null to go on.</summary>
    public static string? Check(JobSpec spec, long committed, double previous, double objective, double gradientNorm)
    {
        var fullBatch = spec.Solver == SolverKind.GradientDescent;
        if (fullBatch && double.IsFinite(gradientNorm) && spec.GradientTolerance > 0 && gradientNorm <= spec.GradientTolerance)
        {
            return $"gradient norm {gradientNorm:G4} reached the tolerance {spec.GradientTolerance:G4}";
        }

        if (fullBatch && spec.Tolerance > 0 && double.IsFinite(previous) && double.IsFinite(objective)
            && Math.Abs(previous - objective) <= spec.Tolerance * Math.Max(Math.Abs(previous), double.Epsilon))
        {
            return $"relative objective change fell below {spec.Tolerance:G4}";
        }

        return committed >= spec.MaxRounds ? $"reached MaxRounds ({spec.MaxRounds})" : null;
    }
}
