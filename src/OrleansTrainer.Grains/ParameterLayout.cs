namespace OrleansTrainer.Grains;

/// <summary>
/// How a model's parameters are laid out in the solver vector the weight blocks hold: the weights of each output
/// (K for softmax regression, else 1), output-major (<c>output · Columns + feature</c>), then one intercept per output
/// when the model fits intercepts.
/// </summary>
public readonly record struct ParameterLayout(int Columns, int Outputs, bool FitIntercept)
{
    /// <summary>Total number of parameters.</summary>
    public int Length => Outputs * Columns + (FitIntercept ? Outputs : 0);

    /// <summary>Number of weights (all outputs, no intercepts).</summary>
    public int WeightCount => Outputs * Columns;

    /// <summary>The index of an output's intercept.</summary>
    public int InterceptIndex(int output) => WeightCount + output;
}
