using System.Globalization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>
/// The hyperparameters one trial of a search sets on the base spec; null leaves the base spec's value. An elastic-net
/// pair (<see cref="Penalty"/> α, <see cref="L1Ratio"/> ρ) sets L1 = α·ρ and L2 = α·(1 − ρ), scikit-learn's ElasticNet.
/// </summary>
public sealed record TrialSettings
{
    /// <summary>L2 penalty.</summary>
    public double? L2 { get; init; }

    /// <summary>L1 penalty.</summary>
    public double? L1 { get; init; }

    /// <summary>Elastic-net strength α.</summary>
    public double? Penalty { get; init; }

    /// <summary>Elastic-net mix ρ in [0, 1]: the L1 share of α.</summary>
    public double? L1Ratio { get; init; }

    /// <summary>Learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Mini-batch size.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The blocks' update rule.</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary>The base spec with these settings, under <paramref name="name"/>.</summary>
    public JobSpec Apply(JobSpec spec, string name)
    {
        var alpha = Penalty ?? (L1Ratio is null ? null : spec.L1 + spec.L2);
        var ratio = L1Ratio ?? (Penalty is null ? null : spec.L1 + spec.L2 > 0 ? spec.L1 / (spec.L1 + spec.L2) : 0);
        return spec with
        {
            Name = name,
            L2 = alpha is { } a ? a * (1 - ratio!.Value) : L2 ?? spec.L2,
            L1 = alpha is { } b ? b * ratio!.Value : L1 ?? spec.L1,
            LearningRate = LearningRate ?? spec.LearningRate,
            BatchSize = BatchSize ?? spec.BatchSize,
            Optimizer = Optimizer ?? spec.Optimizer,
        };
    }

    /// <summary>The settings as <c>l2=0.01 lr=0.1</c>: those set, in a fixed order.</summary>
    public override string ToString() => string.Join(" ", new (string Name, object? Value)[]
        {
            ("l2", L2), ("l1", L1), ("alpha", Penalty), ("l1-ratio", L1Ratio), ("lr", LearningRate), ("batch", BatchSize), ("optimizer", Optimizer),
        }
        .Where(p => p.Value is not null)
        .Select(p => $"{p.Name}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)!.ToLowerInvariant()}"));
}
