namespace OrleansTrainer.Numerics;

/// <summary>The scalar totals of one gradient pass; the per-feature gradient goes to the caller's buffer.</summary>
public struct GradientSums
{
    /// <summary>Sum over rows of s_i loss(z_i, y_i), s_i the row's sample weight (1 when unweighted).</summary>
    public double Loss;

    /// <summary>Sum over rows of s_i d loss / d z_i: the gradient with respect to the intercept (0 for the softmax
    /// kernel, whose per-class intercept gradients go to the caller's buffer).</summary>
    public double InterceptGradient;

    /// <summary>How many rows were summed.</summary>
    public long Rows;

    /// <summary>Sum of the sample weights of the rows summed; equals <see cref="Rows"/> when unweighted.</summary>
    public double WeightSum;

    /// <summary>Adds another partial result into this one (order matters for bit-identical totals).</summary>
    /// <param name="other">The partial result to add.</param>
    public void Add(in GradientSums other)
    {
        Loss += other.Loss;
        InterceptGradient += other.InterceptGradient;
        Rows += other.Rows;
        WeightSum += other.WeightSum;
    }
}
