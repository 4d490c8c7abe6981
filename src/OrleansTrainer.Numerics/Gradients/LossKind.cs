namespace OrleansTrainer.Numerics;

/// <summary>
/// The per-row loss of a linear model, as a function of the prediction <c>z</c> and the label <c>y</c>: the run-time
/// name of an <see cref="ILoss"/> struct (<see cref="LossSpec.Accept{TVisitor, TResult}"/> maps one to the other).
/// </summary>
public enum LossKind
{
    /// <summary>Least squares: loss = 0.5 (z - y)^2, derivative z - y.</summary>
    SquaredError,

    /// <summary>Logistic regression on labels in {0, 1}: loss = log(1 + e^z) - y z, derivative sigmoid(z) - y.</summary>
    Logistic,

    /// <summary>
    /// Huber regression with threshold delta (<see cref="LossSpec.HuberDelta"/>), r = z - y:
    /// loss = 0.5 r^2 where |r| ≤ delta, delta (|r| - delta / 2) beyond; derivative clamp(r, -delta, delta).
    /// </summary>
    Huber,

    /// <summary>Poisson regression with the log link on labels y ≥ 0: loss = e^z - y z, derivative e^z - y.</summary>
    Poisson,

    /// <summary>The linear SVM's squared hinge on labels in {0, 1}, t = 2y − 1: loss = max(0, 1 − t z)², derivative −2 t max(0, 1 − t z).</summary>
    SquaredHinge,
}
