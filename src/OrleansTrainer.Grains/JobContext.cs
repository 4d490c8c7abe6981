using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>Everything about a running job that follows from its spec and its dataset; rebuilt on every activation.</summary>
internal sealed class JobContext
{
    private readonly double[]? _warmStart;

    private JobContext(JobSpec spec, DatasetInfo dataset, int outputs)
    {
        Spec = spec with { InitialModel = null };
        Dataset = dataset;
        Layout = new ParameterLayout(dataset.Schema.FeatureCount, outputs, spec.FitIntercept);
        Blocks = new BlockLayout(Layout.Length, spec.WeightBlocks);
        // Block coordinate descent solves each block exactly on the raw features; it needs no preconditioner.
        Scaling = spec.Standardize && spec.Parallelism == ParallelismMode.DataParallel ? FeatureScaling.From(dataset.Statistics!) : null;
        (L2Scale, L1Scale) = ModelTransform.PenaltyScales(Layout, Scaling);
        Permutation = FeaturePermutation.For(spec, Layout.Columns);
        _warmStart = spec.InitialModel is { } initial ? WarmStart.Parameters(initial, spec, this) : null;
    }

    /// <summary>The feature order of the blocks under <see cref="WeightPartition.Hash"/>; null when features keep their index.</summary>
    public FeaturePermutation? Permutation { get; }

    /// <summary>
    /// The spec the job runs by and keeps: the submitted one without its <see cref="JobSpec.InitialModel"/>, which only
    /// seeds the blocks (<see cref="InitialParameters"/>) and would otherwise travel with every shard request and block
    /// setup and be rewritten with every trainer state.
    /// </summary>
    public JobSpec Spec { get; }

    /// <summary>The dataset as it was when the context was built.</summary>
    public DatasetInfo Dataset { get; }

    /// <summary>The parameter vector's layout.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>How the parameters are split into weight blocks.</summary>
    public BlockLayout Blocks { get; }

    /// <summary>The standardization the solver works in; null without.</summary>
    public FeatureScaling? Scaling { get; }

    /// <summary>Per-parameter multipliers of the L2 penalty.</summary>
    public double[] L2Scale { get; }

    /// <summary>Per-parameter multipliers of the L1 penalty.</summary>
    public double[] L1Scale { get; }

    /// <summary>Number of shards.</summary>
    public int ShardCount => Dataset.ShardCount;

    /// <summary>The solver parameters the job's blocks start from: the submitted spec's initial model, else zeros.</summary>
    public double[] InitialParameters() => _warmStart is null ? new double[Layout.Length] : (double[])_warmStart.Clone();

    /// <summary>Builds the context of a spec on a dataset, after validating the pair (its initial model included).</summary>
    public static JobContext Create(JobSpec spec, DatasetInfo dataset)
    {
        JobSpecValidator.ValidateAgainst(spec, dataset);
        return new JobContext(spec, dataset, JobSpecValidator.Outputs(spec, dataset));
    }

    /// <summary>Penalty (L2/2)·Σ l2Scale·v² + L1·Σ l1Scale·|v| at solver parameters <paramref name="parameters"/>.</summary>
    public double Penalty(ReadOnlySpan<double> parameters)
    {
        double l2 = 0, l1 = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            l2 += L2Scale[i] * parameters[i] * parameters[i];
            l1 += L1Scale[i] * Math.Abs(parameters[i]);
        }

        return Spec.L2 / 2 * l2 + Spec.L1 * l1;
    }

    /// <summary>
    /// The model on the original feature scale and in feature order from the blocks' solver parameters (left as they
    /// are): weights outputs × features, output-major, and one intercept per output.
    /// </summary>
    public (double[] Weights, double[] Intercepts) RawModel(ReadOnlySpan<double> parameters)
    {
        var ordered = parameters.ToArray();
        Permutation?.ToFeatureOrder(Layout, ordered);
        var weights = new double[Layout.WeightCount];
        var intercepts = new double[Layout.Outputs];
        ModelTransform.ToRaw(Layout, ordered, Scaling, weights, intercepts);
        return (weights, intercepts);
    }
}
