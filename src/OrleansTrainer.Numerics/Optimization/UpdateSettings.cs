namespace OrleansTrainer.Numerics;

/// <summary>The update rule of a weight block and its constants; see <see cref="BlockUpdate.Apply"/>.</summary>
/// <param name="Rule">The update rule.</param>
/// <param name="Momentum">The momentum coefficient of <see cref="UpdateRule.Sgd"/>, in [0, 1); 0 for plain gradient descent. The other rules ignore it.</param>
/// <param name="Nesterov">Whether <see cref="UpdateRule.Sgd"/> with momentum uses Nesterov's look-ahead form.</param>
/// <param name="Beta1">Adam's decay of the gradient average, in [0, 1).</param>
/// <param name="Beta2">Adam's decay of the squared-gradient average, in [0, 1).</param>
/// <param name="Epsilon">Added to the root in the denominators of AdaGrad and Adam, above 0.</param>
/// <param name="L2">The L2 strength: the objective holds (L2 / 2) sum_j l2Scale_j w_j^2. 0 or more.</param>
/// <param name="L1">The L1 strength: the objective holds L1 sum_j l1Scale_j |w_j|, applied by a proximal step. 0 or more.</param>
public sealed record UpdateSettings(
    UpdateRule Rule,
    double Momentum,
    bool Nesterov,
    double Beta1,
    double Beta2,
    double Epsilon,
    double L2,
    double L1)
{
    /// <summary>Plain gradient descent without penalties; Adam's constants at their usual values (0.9, 0.999, 1e-8).</summary>
    public static UpdateSettings Default { get; } = new(UpdateRule.Sgd, 0.0, false, 0.9, 0.999, 1e-8, 0.0, 0.0);
}
