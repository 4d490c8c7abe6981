using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>What a job's solver allows, for hosts outside the grains (the admin console), as its descriptor says.</summary>
public static class SolverCapabilities
{
    /// <summary>Whether the learning rate of a running job with <paramref name="spec"/> may change.</summary>
    public static bool HasAdjustableLearningRate(JobSpec spec) => SolverRegistry.For(spec).HasAdjustableLearningRate(spec);
}
