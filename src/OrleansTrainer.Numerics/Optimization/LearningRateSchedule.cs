namespace OrleansTrainer.Numerics;

/// <summary>How the learning rate changes with the round; see <see cref="GradientStep.LearningRateAt"/>.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate every round.</summary>
    Constant,

    /// <summary>base / sqrt(1 + round).</summary>
    InverseSqrt,
}
