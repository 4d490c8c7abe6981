namespace OrleansTrainer.Grains;

/// <summary>The scratch vectors a shard reuses from round to round for one parameter layout.</summary>
internal sealed class RoundBuffers(ParameterLayout layout)
{
    /// <summary>The layout these buffers fit.</summary>
    public ParameterLayout Layout { get; } = layout;

    /// <summary>The solver-space parameters pulled from the blocks.</summary>
    public double[] Parameters { get; } = new double[layout.Length];

    /// <summary>The model's weights on the raw feature scale, outputs × columns.</summary>
    public double[] RawWeights { get; } = new double[layout.WeightCount];

    /// <summary>The model's intercepts on the raw scale, one per output.</summary>
    public double[] RawIntercepts { get; } = new double[layout.Outputs];

    /// <summary>Gradient sums on the raw feature scale, outputs × columns.</summary>
    public double[] RawGradient { get; } = new double[layout.WeightCount];

    /// <summary>Intercept gradient sums, one per output.</summary>
    public double[] InterceptGradient { get; } = new double[layout.Outputs];

    /// <summary>Gradient sums in solver space, laid out like <see cref="Parameters"/>.</summary>
    public double[] SolverGradient { get; } = new double[layout.Length];
}
