namespace OrleansTrainer.Numerics;

/// <summary>The scalar totals of one gradient pass; the per-feature gradient goes to the caller's buffer.</summary>
public struct GradientSums
{
    /// <summary>Sum over rows of loss(z_i, y_i).</summary>
    public double Loss;

    /// <summary>Sum over rows of d loss / d z_i: the gradient with respect to the intercept.</summary>
    public double InterceptGradient;

    /// <summary>How many rows were summed.</summary>
    public long Rows;

    /// <summary>Adds another partial result into this one (order matters for bit-identical totals).</summary>
    /// <param name="other">The partial result to add.</param>
    public void Add(in GradientSums other)
    {
        Loss += other.Loss;
        InterceptGradient += other.InterceptGradient;
        Rows += other.Rows;
    }
}
