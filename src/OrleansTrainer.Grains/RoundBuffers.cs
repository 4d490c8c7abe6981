namespace OrleansTrainer.Grains;

/// <summary>The scratch vectors a shard reuses from round to round for one parameter shape.</summary>
internal sealed class RoundBuffers(int columns, bool fitIntercept)
{
    /// <summary>Whether these buffers fit the given shape.</summary>
    public bool Fits(int cols, bool intercept) => cols == columns && intercept == fitIntercept;

    /// <summary>The solver-space parameters pulled from the blocks (features, then the intercept if fitted).</summary>
    public double[] Parameters { get; } = new double[columns + (fitIntercept ? 1 : 0)];

    /// <summary>The same model on the raw feature scale.</summary>
    public double[] RawWeights { get; } = new double[columns];

    /// <summary>Gradient sums on the raw feature scale.</summary>
    public double[] RawGradient { get; } = new double[columns];

    /// <summary>Gradient sums in solver space, laid out like <see cref="Parameters"/>.</summary>
    public double[] SolverGradient { get; } = new double[columns + (fitIntercept ? 1 : 0)];
}
