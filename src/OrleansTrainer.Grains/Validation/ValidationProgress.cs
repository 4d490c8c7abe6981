using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>What a job with validation has learnt of its rounds so far, persisted with its state.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ValidationProgress")]
public sealed record ValidationProgress
{
    /// <summary>The round whose weights validated best; null before the first validation.</summary>
    [Id(0)] public long? BestRound { get; init; }

    /// <summary>The watched metric's value at <see cref="BestRound"/>.</summary>
    [Id(1)] public double BestValue { get; init; } = double.NaN;

    /// <summary>Validations since the best one.</summary>
    [Id(2)] public int SinceBest { get; init; }

    /// <summary>The latest validation's metrics.</summary>
    [Id(3)] public EvaluationMetrics? Latest { get; init; }

    /// <summary>Once the job completed: the final model's metrics on its training rows.</summary>
    [Id(4)] public EvaluationMetrics? FinalTrain { get; init; }

    /// <summary>Once the job completed: the final model's metrics on the validation rows.</summary>
    [Id(5)] public EvaluationMetrics? FinalValidation { get; init; }
}
