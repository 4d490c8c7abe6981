namespace OrleansTrainer.Numerics;

/// <summary>
/// The update a weight block applies to its slice of the solver-space weights: one step of the
/// <see cref="UpdateRule"/> on the smooth part of the objective (mean data loss + L2 penalty), then the
/// proximal step of the L1 penalty. Both penalties sit on the original-scale weights through per-coordinate
/// scales (l2Scale_j = 1 / scale_j^2, l1Scale_j = 1 / scale_j, 0 for an unpenalized intercept).
/// </summary>
public static class BlockUpdate
{
    /// <summary>How many per-coordinate state arrays <see cref="Apply"/> needs under <paramref name="settings"/>.</summary>
    /// <param name="settings">The update settings.</param>
    /// <returns><see cref="UpdateRule.Sgd"/>: 0 without momentum, 1 (the velocity) with; <see cref="UpdateRule.AdaGrad"/>: 1 (the summed squared gradients); <see cref="UpdateRule.Adam"/>: 2 (the two moment averages).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rule is unknown.</exception>
    public static int StateArrays(UpdateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Rule switch
        {
            UpdateRule.Sgd => settings.Momentum != 0.0 ? 1 : 0,
            UpdateRule.AdaGrad => 1,
            UpdateRule.Adam => 2,
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Rule, "Unknown update rule."),
        };
    }

    /// <summary>
    /// One step on a slice. The smooth gradient is g_j = gradientSum_j / weightSum + L2 l2Scale_j w_j. The rule
    /// then gives a direction d_j and a per-coordinate effective rate r_j:
    /// <list type="bullet">
    /// <item><see cref="UpdateRule.Sgd"/>: r = lr; d = g without momentum; with momentum v = momentum v + g (state1) and d = nesterov ? g + momentum v : v.
    /// With momentum and L1 > 0 the step is the inertial proximal gradient step instead (iPiano): state1 holds the last
    /// displacement Δ and d = g − momentum Δ / lr (Nesterov is not applied), so that the fixed points are exactly those of the L1 problem.</item>
    /// <item><see cref="UpdateRule.AdaGrad"/>: G += g^2 (state1); d = g, r = lr / (sqrt(G) + eps).</item>
    /// <item><see cref="UpdateRule.Adam"/>: m = beta1 m + (1 - beta1) g (state1), s = beta2 s + (1 - beta2) g^2 (state2), t = step + 1;
    /// d = m / (1 - beta1^t), r = lr / (sqrt(s / (1 - beta2^t)) + eps).</item>
    /// </list>
    /// The weight moves to z_j = w_j - r_j d_j, and with L1 &gt; 0 the proximal step of the L1 term soft-thresholds it:
    /// w_j = sign(z_j) max(|z_j| - r_j L1 l1Scale_j, 0).
    /// </summary>
    /// <param name="settings">The rule and its constants.</param>
    /// <param name="step">How many times this slice was updated before (0 on the first call); Adam's bias correction uses it.</param>
    /// <param name="learningRate">The base step size, above 0.</param>
    /// <param name="weights">The slice of weights, updated in place.</param>
    /// <param name="state1">The first state array (see <see cref="StateArrays"/>), updated in place; same length as <paramref name="weights"/> when the rule needs it, otherwise neither read nor written (it may be empty).</param>
    /// <param name="state2">The second state array, as <paramref name="state1"/>.</param>
    /// <param name="gradientSum">The data gradient summed over the batch, weighted by the row weights.</param>
    /// <param name="weightSum">The sum of the row weights (the row count when unweighted), above 0.</param>
    /// <param name="l2Scale">Per weight multiplier of the L2 penalty; may be empty when L2 is 0.</param>
    /// <param name="l1Scale">Per weight multiplier of the L1 penalty; may be empty when L1 is 0.</param>
    /// <returns>
    /// The squared norm of g, the penalty (L2 / 2) sum l2Scale_j w_j^2 + L1 sum l1Scale_j |w_j| at the weights before
    /// the step, and the squared norm of the proximal-gradient mapping (w_before - w_after) / r (exactly d without L1).
    /// </returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range, or the step, rate or weight sum is.</exception>
    public static StepResult Apply(
        UpdateSettings settings,
        long step,
        double learningRate,
        Span<double> weights,
        Span<double> state1,
        Span<double> state2,
        ReadOnlySpan<double> gradientSum,
        double weightSum,
        ReadOnlySpan<double> l2Scale,
        ReadOnlySpan<double> l1Scale)
    {
        int stateArrays = StateArrays(settings);
        CheckSettings(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightSum);
        int n = weights.Length;
        if (gradientSum.Length != n
            || (stateArrays >= 1 && state1.Length != n)
            || (stateArrays >= 2 && state2.Length != n)
            || (l2Scale.Length != n && !(l2Scale.IsEmpty && settings.L2 == 0.0))
            || (l1Scale.Length != n && !(l1Scale.IsEmpty && settings.L1 == 0.0)))
        {
            throw new ArgumentException(
                $"Every vector needs {n} entries; got gradientSum {gradientSum.Length}, state1 {state1.Length}, state2 {state2.Length}, l2Scale {l2Scale.Length}, l1Scale {l1Scale.Length}.");
        }

        var rule = settings.Rule;
        double momentum = settings.Momentum;
        double beta1 = settings.Beta1;
        double beta2 = settings.Beta2;
        double epsilon = settings.Epsilon;
        double l1 = settings.L1;
        bool proximalMomentum = rule == UpdateRule.Sgd && stateArrays == 1 && l1 > 0.0;
        double firstMomentCorrection = 1.0 - Math.Pow(beta1, step + 1.0);
        double secondMomentCorrection = 1.0 - Math.Pow(beta2, step + 1.0);
        double gradientNormSquared = 0.0;
        double proximalNormSquared = 0.0;
        double l2Penalty = 0.0;
        double l1Penalty = 0.0;
        for (int j = 0; j < n; j++)
        {
            double w = weights[j];
            double l2Gradient = l2Scale.IsEmpty ? 0.0 : l2Scale[j] * w;
            l2Penalty += l2Gradient * w;
            double g = (gradientSum[j] / weightSum) + (settings.L2 * l2Gradient);
            gradientNormSquared += g * g;

            double direction;
            double rate;
            switch (rule)
            {
                case UpdateRule.Sgd when stateArrays == 0:
                    direction = g;
                    rate = learningRate;
                    break;
                case UpdateRule.Sgd when proximalMomentum:
                    // Inertial proximal gradient (iPiano, Ochs et al. 2014): state1 holds the last displacement d and
                    // w ← prox(w − lr·g + momentum·d). A velocity sum would converge to the optimum of L1·(1 − momentum).
                    direction = g - (momentum * state1[j] / learningRate);
                    rate = learningRate;
                    break;
                case UpdateRule.Sgd:
                    double velocity = (momentum * state1[j]) + g;
                    state1[j] = velocity;
                    direction = settings.Nesterov ? g + (momentum * velocity) : velocity;
                    rate = learningRate;
                    break;
                case UpdateRule.AdaGrad:
                    double squaredSum = state1[j] + (g * g);
                    state1[j] = squaredSum;
                    direction = g;
                    rate = learningRate / (Math.Sqrt(squaredSum) + epsilon);
                    break;
                default:
                    double firstMoment = (beta1 * state1[j]) + ((1.0 - beta1) * g);
                    double secondMoment = (beta2 * state2[j]) + ((1.0 - beta2) * g * g);
                    state1[j] = firstMoment;
                    state2[j] = secondMoment;
                    direction = firstMoment / firstMomentCorrection;
                    rate = learningRate / (Math.Sqrt(secondMoment / secondMomentCorrection) + epsilon);
                    break;
            }

            double moved = w - (rate * direction);
            double l1Weight = l1 == 0.0 ? 0.0 : l1 * l1Scale[j];
            l1Penalty += l1Weight * Math.Abs(w);
            double proximal;
            if (l1Weight == 0.0)
            {
                weights[j] = moved;
                proximal = direction;
            }
            else
            {
                double threshold = rate * l1Weight;
                if (moved > threshold)
                {
                    weights[j] = moved - threshold;
                    proximal = direction + l1Weight;
                }
                else if (moved < -threshold)
                {
                    weights[j] = moved + threshold;
                    proximal = direction - l1Weight;
                }
                else
                {
                    weights[j] = 0.0;
                    proximal = w / rate;
                }
            }

            proximalNormSquared += proximal * proximal;
            if (proximalMomentum)
            {
                state1[j] = weights[j] - w;
            }
        }

        return new StepResult(gradientNormSquared, (0.5 * settings.L2 * l2Penalty) + l1Penalty, proximalNormSquared);
    }

    private static void CheckSettings(UpdateSettings settings)
    {
        bool valid = settings.L2 >= 0.0 && settings.L1 >= 0.0 && settings.Rule switch
        {
            UpdateRule.Sgd => settings.Momentum is >= 0.0 and < 1.0,
            UpdateRule.AdaGrad => settings.Epsilon > 0.0,
            _ => settings.Beta1 is >= 0.0 and < 1.0 && settings.Beta2 is >= 0.0 and < 1.0 && settings.Epsilon > 0.0,
        };
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings),
                settings,
                "L2 and L1 must be 0 or more, and for the rule that uses them momentum and the betas must lie in [0, 1) and epsilon above 0.");
        }
    }
}
