namespace OrleansTrainer.Numerics;

/// <summary>What one <see cref="GradientStep.Apply"/> saw on its slice of the weights.</summary>
/// <param name="GradientNormSquared">sum_j g_j^2 of the full (data + penalty) gradient over the slice.</param>
/// <param name="PenaltyBeforeStep">(l2 / 2) sum_j penaltyScale_j w_j^2 over the slice, at the weights before the step.</param>
public readonly record struct StepResult(double GradientNormSquared, double PenaltyBeforeStep);
