namespace OrleansTrainer.Numerics;

/// <summary>
/// Weights held as <c>scale × v</c>, so that the L2 shrink <c>w ← (1 − η·L2)·w</c> of every weight in an SGD step is one
/// multiplication (Bottou's trick, as in scikit-learn's SGD); the scale is folded back into v long before float64
/// could lose the weights. Used by the sparse SGD walks, whose steps touch only a row's entries.
/// </summary>
internal sealed class ShrinkingWeights
{
    /// <summary>Below this the scale is folded into the weights.</summary>
    private const double SmallestScale = 1e-9;

    private readonly double _shrink;

    /// <summary>Checks an SGD walk's settings and starts at scale 1.</summary>
    /// <exception cref="ArgumentException">The rate is not finite and positive, or rate × L2 is not in [0, 1).</exception>
    public ShrinkingWeights(double learningRate, double l2)
    {
        if (!(learningRate > 0 && double.IsFinite(learningRate)) || !(l2 >= 0 && learningRate * l2 < 1))
        {
            throw new ArgumentException($"Needs a finite learning rate > 0 and 0 <= rate × L2 < 1; got rate {learningRate}, L2 {l2}.", nameof(learningRate));
        }

        _shrink = 1.0 - (learningRate * l2);
    }

    /// <summary>The factor the stored values v are multiplied by.</summary>
    public double Scale { get; private set; } = 1.0;

    /// <summary>Shrinks every weight by 1 − η·L2 (folding the scale into <paramref name="v"/> when it gets small).</summary>
    public void Shrink(Span<double> v)
    {
        Scale *= _shrink;
        if (Scale < SmallestScale)
        {
            Fold(v);
        }
    }

    /// <summary>Writes the scale into <paramref name="v"/>, which then holds the weights themselves.</summary>
    public void Fold(Span<double> v)
    {
        if (Scale != 1.0)
        {
            for (int j = 0; j < v.Length; j++)
            {
                v[j] *= Scale;
            }

            Scale = 1.0;
        }
    }
}
