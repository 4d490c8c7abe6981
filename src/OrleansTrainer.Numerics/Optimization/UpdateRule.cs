namespace OrleansTrainer.Numerics;

/// <summary>How a weight block turns the round's gradient into a step on its slice; see <see cref="BlockUpdate.Apply"/>.</summary>
public enum UpdateRule
{
    /// <summary>Gradient descent, with optional (Nesterov) momentum.</summary>
    Sgd,

    /// <summary>AdaGrad: each coordinate's rate divided by the root of its summed squared gradients.</summary>
    AdaGrad,

    /// <summary>Adam: bias-corrected moving averages of the gradient and of its square.</summary>
    Adam,
}
