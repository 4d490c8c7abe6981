namespace OrleansTrainer.Numerics;

/// <summary>What one <see cref="BlockUpdate.Apply"/> (or <see cref="GradientStep.Apply"/>) saw on its slice of the weights.</summary>
/// <param name="GradientNormSquared">sum_j g_j^2 of the smooth (data + L2) gradient over the slice.</param>
/// <param name="PenaltyBeforeStep">(L2 / 2) sum_j l2Scale_j w_j^2 + L1 sum_j l1Scale_j |w_j| over the slice, at the weights before the step.</param>
/// <param name="ProximalGradientNormSquared">
/// sum_j ((w_before_j - w_after_j) / r_j)^2 with r_j the per-coordinate effective rate: the squared norm of the
/// proximal-gradient mapping, the stopping measure with L1. Without L1 it is the squared norm of the step's direction,
/// which is <see cref="GradientNormSquared"/> for gradient descent without momentum.
/// </param>
public readonly record struct StepResult(double GradientNormSquared, double PenaltyBeforeStep, double ProximalGradientNormSquared);
