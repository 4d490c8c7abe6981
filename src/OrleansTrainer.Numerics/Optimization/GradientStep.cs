namespace OrleansTrainer.Numerics;

/// <summary>
/// The update a weight block applies to its slice of the solver-space weight vector: gradient descent
/// with optional (Nesterov) momentum on the mean data gradient plus an L2 penalty, the
/// <see cref="UpdateRule.Sgd"/> case of <see cref="BlockUpdate"/> without L1; and the learning-rate schedule.
/// </summary>
public static class GradientStep
{
    /// <summary>
    /// One step on a slice. The full gradient is g_j = gradientSum_j / rowCount + l2 penaltyScale_j w_j
    /// (penaltyScale_j = 1 / scale_j^2 for a feature and 0 for the intercept puts the penalty
    /// (l2 / 2) sum (v_j / scale_j)^2 on the original-scale weights). With momentum 0: w -= lr g, and
    /// <paramref name="velocity"/> is neither read nor written (it may be empty). Otherwise
    /// v = momentum v + g, then w -= lr (nesterov ? g + momentum v : v).
    /// </summary>
    /// <param name="weights">The slice of weights, updated in place.</param>
    /// <param name="velocity">The slice's momentum buffer, updated in place; same length as <paramref name="weights"/> unless momentum is 0.</param>
    /// <param name="gradientSum">The data gradient summed over <paramref name="rowCount"/> rows.</param>
    /// <param name="rowCount">The number of rows summed, above 0.</param>
    /// <param name="penaltyScale">Per weight multiplier of the L2 penalty; may be empty when <paramref name="l2"/> is 0.</param>
    /// <param name="l2">The L2 strength, 0 or more.</param>
    /// <param name="learningRate">The step size, above 0.</param>
    /// <param name="momentum">The momentum coefficient in [0, 1); 0 for plain gradient descent.</param>
    /// <param name="nesterov">Whether to use Nesterov's look-ahead form.</param>
    /// <returns>The squared norm of g, the penalty before the step, and the squared norm of the step's direction.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rowCount"/> or <paramref name="learningRate"/> is not above 0, or <paramref name="momentum"/> is outside [0, 1).
    /// </exception>
    public static StepResult Apply(
        Span<double> weights,
        Span<double> velocity,
        ReadOnlySpan<double> gradientSum,
        double rowCount,
        ReadOnlySpan<double> penaltyScale,
        double l2,
        double learningRate,
        double momentum,
        bool nesterov) =>
        BlockUpdate.Apply(
            UpdateSettings.Default with { Momentum = momentum, Nesterov = nesterov, L2 = l2 },
            0,
            learningRate,
            weights,
            velocity,
            [],
            gradientSum,
            rowCount,
            penaltyScale,
            []);

    /// <summary>The learning rate of round <paramref name="round"/> under <paramref name="schedule"/>.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="baseRate">The rate of round 0.</param>
    /// <param name="round">The round, 0 or more.</param>
    /// <returns>baseRate, or baseRate / sqrt(1 + round) for <see cref="LearningRateSchedule.InverseSqrt"/>.</returns>
    public static double LearningRateAt(LearningRateSchedule schedule, double baseRate, long round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        return schedule switch
        {
            LearningRateSchedule.Constant => baseRate,
            LearningRateSchedule.InverseSqrt => baseRate / Math.Sqrt(1.0 + round),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown learning-rate schedule."),
        };
    }
}
