namespace OrleansTrainer.Abstractions;

/// <summary>
/// The sufficient statistics of how a model predicted some rows (one shard's, or several shards' merged): what a shard
/// returns so that the trainer can merge shards in shard order and compute <see cref="EvaluationMetrics"/> as if it had
/// scored every row itself. All sums are weighted by the rows' instance weights. Which fields are filled depends on the
/// model: regression models (linear, Huber, Poisson) fill <see cref="Labels"/>, <see cref="Residuals"/> and
/// <see cref="AbsoluteErrorSum"/>; classifiers fill <see cref="Classes"/> and <see cref="Confusion"/>; binary
/// classifiers (logistic, SVM) also <see cref="Scores"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.EvaluationSums")]
public sealed record EvaluationSums
{
    /// <summary>The model that predicted; only sums of the same model (and <see cref="Classes"/>) merge.</summary>
    [Id(0)] public ModelKind Model { get; init; }

    /// <summary>Rows scored.</summary>
    [Id(1)] public long Rows { get; init; }

    /// <summary>Σ wᵢ.</summary>
    [Id(2)] public double WeightSum { get; init; }

    /// <summary>
    /// Σ wᵢ lossᵢ of the model's own loss (no penalty). For logistic and softmax regression this loss is the negative
    /// log-likelihood of the label, so it is also the log-loss sum.
    /// </summary>
    [Id(3)] public double LossSum { get; init; }

    /// <summary>Regression: mean and squared deviations of the labels y (for R² and explained variance).</summary>
    [Id(4)] public MomentSums Labels { get; init; } = MomentSums.Empty;

    /// <summary>Regression: mean and squared deviations of the residuals y − ŷ (for RMSE and explained variance).</summary>
    [Id(5)] public MomentSums Residuals { get; init; } = MomentSums.Empty;

    /// <summary>Regression: Σ wᵢ |yᵢ − ŷᵢ|.</summary>
    [Id(6)] public double AbsoluteErrorSum { get; init; }

    /// <summary>Classifiers: the number of classes K (2 for binary models); 0 for regression.</summary>
    [Id(7)] public int Classes { get; init; }

    /// <summary>
    /// Classifiers: weighted counts, K × K row-major, row = true class, column = predicted class; for binary models
    /// [TN, FP, FN, TP] at the model's threshold. Empty for regression.
    /// </summary>
    [Id(8)] public double[] Confusion { get; init; } = [];

    /// <summary>Binary classifiers: the weights of positive and negative rows per score bin, for ROC AUC.</summary>
    [Id(9)] public ScoreHistogram Scores { get; init; } = ScoreHistogram.Empty;
}
