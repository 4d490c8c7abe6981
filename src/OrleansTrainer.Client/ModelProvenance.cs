using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>
/// Where a model came from: the job, its dataset and spec, how far it trained and how well it did. Travels with the
/// model in its JSON file (<see cref="LinearModel.ToJson"/>) and its ONNX metadata.
/// </summary>
public sealed record ModelProvenance
{
    /// <summary>The job that trained the model.</summary>
    public required string Job { get; init; }

    /// <summary>The dataset it trained on.</summary>
    public required string Dataset { get; init; }

    /// <summary>The name of the dataset's label column.</summary>
    public required string LabelName { get; init; }

    /// <summary>The spec the job ran; null when the source did not record it.</summary>
    public JobSpec? Spec { get; init; }

    /// <summary>Rounds the job had committed when the model was read.</summary>
    public long Rounds { get; init; }

    /// <summary>When early stopping chose the weights: the round after which they were validated best; null otherwise.</summary>
    public long? BestRound { get; init; }

    /// <summary>The model's final metrics on the rows it trained on, when the job measured them.</summary>
    public EvaluationMetrics? TrainMetrics { get; init; }

    /// <summary>The model's final metrics on the validation rows, when the job had validation.</summary>
    public EvaluationMetrics? ValidationMetrics { get; init; }

    /// <summary>When the model was read from the cluster (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
