namespace OrleansTrainer.Numerics;

/// <summary>A loss with its parameters: the kind, and the threshold of <see cref="LossKind.Huber"/>.</summary>
/// <param name="Kind">Which loss.</param>
/// <param name="HuberDelta">The residual size where the Huber loss turns from quadratic to linear; finite and &gt; 0. Ignored by the other kinds.</param>
public readonly record struct LossSpec(LossKind Kind, double HuberDelta = LossSpec.DefaultHuberDelta)
{
    /// <summary>The customary Huber threshold (95% efficiency under Gaussian noise of unit scale).</summary>
    public const double DefaultHuberDelta = 1.35;

    /// <summary>The loss <paramref name="kind"/> with its default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    public static implicit operator LossSpec(LossKind kind) => new(kind);

    /// <summary>The loss <paramref name="kind"/> with its default parameters.</summary>
    /// <param name="kind">Which loss.</param>
    /// <returns>The spec.</returns>
    public static LossSpec FromLossKind(LossKind kind) => new(kind);

    /// <summary>Throws unless the kind is known and, for Huber, the threshold is finite and positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The spec is invalid.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw UnknownKind(Kind);
        }

        if (Kind == LossKind.Huber && !(HuberDelta > 0.0 && double.IsFinite(HuberDelta)))
        {
            throw new ArgumentOutOfRangeException(nameof(HuberDelta), HuberDelta, "The Huber threshold must be finite and positive.");
        }
    }

    /// <summary>
    /// Validates the spec, then calls <paramref name="visitor"/> with the loss struct it names: the one place a
    /// <see cref="LossKind"/> becomes a type (register a new loss here).
    /// </summary>
    /// <typeparam name="TVisitor">The visitor type; a ref struct may carry spans.</typeparam>
    /// <typeparam name="TResult">What the visit returns.</typeparam>
    /// <param name="visitor">The code generic over the loss.</param>
    /// <returns>The visit's result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The spec is invalid.</exception>
    public TResult Accept<TVisitor, TResult>(TVisitor visitor)
        where TVisitor : ILossVisitor<TResult>, allows ref struct
    {
        Validate();
        return Kind switch
        {
            LossKind.SquaredError => visitor.Visit(default(SquaredErrorLoss)),
            LossKind.Logistic => visitor.Visit(default(LogisticLoss)),
            LossKind.Huber => visitor.Visit(new HuberLoss(HuberDelta)),
            LossKind.Poisson => visitor.Visit(default(PoissonLoss)),
            LossKind.SquaredHinge => visitor.Visit(default(SquaredHingeLoss)),
            _ => throw UnknownKind(Kind),
        };
    }

    private static ArgumentOutOfRangeException UnknownKind(LossKind kind) =>
        new(nameof(kind), kind, "Unknown loss kind.");
}
