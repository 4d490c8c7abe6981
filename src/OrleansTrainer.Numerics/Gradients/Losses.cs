namespace OrleansTrainer.Numerics;

/// <summary>
/// Values, derivatives and prediction links of the losses in <see cref="LossKind"/> for one prediction, computed by the
/// loss structs (<see cref="ILoss"/>) without overflow for any finite prediction (the Poisson loss excepted: e^z overflows
/// to +∞ beyond z ≈ 709.78).
/// </summary>
public static class Losses
{
    /// <summary>The loss of prediction <paramref name="z"/> against label <paramref name="y"/>, with the kind's default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Value(LossKind kind, double z, double y) => Value(new LossSpec(kind), z, y);

    /// <summary>The loss of prediction <paramref name="z"/> against label <paramref name="y"/>.</summary>
    /// <param name="loss">Which loss, with its parameters.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>The loss; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Value(LossSpec loss, double z, double y) =>
        loss.Accept<OnePrediction, (double Value, double Derivative)>(new OnePrediction(z, y)).Value;

    /// <summary>The derivative of the loss with respect to the prediction <paramref name="z"/>, with the kind's default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>d loss / d z; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Derivative(LossKind kind, double z, double y) => Derivative(new LossSpec(kind), z, y);

    /// <summary>The derivative of the loss with respect to the prediction <paramref name="z"/>.</summary>
    /// <param name="loss">Which loss, with its parameters.</param>
    /// <param name="z">The prediction x·w + b.</param>
    /// <param name="y">The label (0 or 1 for <see cref="LossKind.Logistic"/>, ≥ 0 for <see cref="LossKind.Poisson"/>).</param>
    /// <returns>d loss / d z; NaN when <paramref name="z"/> is NaN.</returns>
    public static double Derivative(LossSpec loss, double z, double y) =>
        loss.Accept<OnePrediction, (double Value, double Derivative)>(new OnePrediction(z, y)).Derivative;

    /// <summary>The prediction of a model with this loss from its linear predictor (<see cref="ILoss.Link"/>).</summary>
    /// <param name="loss">Which loss.</param>
    /// <param name="z">x·w + b.</param>
    /// <returns>z, sigmoid(z), e^z or a class, as the loss says.</returns>
    public static double Link(LossSpec loss, double z) => loss.Accept<LinkOf, double>(new LinkOf(z));

    private readonly struct OnePrediction(double z, double y) : ILossVisitor<(double Value, double Derivative)>
    {
        public (double Value, double Derivative) Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            double value = loss.Evaluate(z, y, out double derivative);
            return (value, derivative);
        }
    }

    private readonly struct LinkOf(double z) : ILossVisitor<double>
    {
        public double Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss => loss.Link(z);
    }
}
