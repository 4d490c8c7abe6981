using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Maps a job spec to the numerics' update settings.</summary>
internal static class UpdateSettingsFactory
{
    /// <summary>The block-side update rule a spec asks for.</summary>
    public static UpdateSettings From(JobSpec spec) => new(
        spec.Optimizer switch
        {
            OptimizerKind.AdaGrad => UpdateRule.AdaGrad,
            OptimizerKind.Adam => UpdateRule.Adam,
            _ => UpdateRule.Sgd,
        },
        spec.Momentum, spec.Nesterov, spec.Beta1, spec.Beta2, spec.Epsilon, spec.L2, spec.L1);

    /// <summary>The learning rate of a round.</summary>
    public static double LearningRate(JobSpec spec, long round) =>
        GradientStep.LearningRateAt((LearningRateSchedule)spec.Schedule, spec.LearningRate, round);
}
