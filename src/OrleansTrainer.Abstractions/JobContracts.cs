namespace OrleansTrainer.Abstractions;

/// <summary>The states a training job moves through.</summary>
public enum JobStatus
{
    /// <summary>No job exists under this name.</summary>
    None = 0,

    /// <summary>Accepted, not yet running.</summary>
    Created = 1,

    /// <summary>Rounds are being driven.</summary>
    Running = 2,

    /// <summary>Held between rounds; resumes where it stopped.</summary>
    Paused = 3,

    /// <summary>Finished by a stopping rule.</summary>
    Completed = 4,

    /// <summary>Stopped by an error; <see cref="JobStatusInfo.Reason"/> says which.</summary>
    Failed = 5,

    /// <summary>Stopped on request.</summary>
    Cancelled = 6,

    /// <summary>Being deleted: what the job owns is being removed; deleting it again finishes the removal.</summary>
    Deleting = 7,
}

/// <summary>The metrics of one committed round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.RoundMetrics")]
public sealed record RoundMetrics
{
    /// <summary>The round (0-based); the metrics describe the weights as they were at the start of it.</summary>
    [Id(0)] public long Round { get; init; }

    /// <summary>Mean loss over the rows used in the round.</summary>
    [Id(1)] public double Loss { get; init; }

    /// <summary>Mean loss plus the penalty: the quantity minimized.</summary>
    [Id(2)] public double Objective { get; init; }

    /// <summary>Euclidean norm of the objective's gradient in solver coordinates.</summary>
    [Id(3)] public double GradientNorm { get; init; }

    /// <summary>Rows the round used.</summary>
    [Id(4)] public long Rows { get; init; }

    /// <summary>The learning rate applied.</summary>
    [Id(5)] public double LearningRate { get; init; }

    /// <summary>Wall time of the whole round, milliseconds.</summary>
    [Id(6)] public double RoundMilliseconds { get; init; }

    /// <summary>Longest shard compute time (loss and gradient pass), milliseconds.</summary>
    [Id(7)] public double ComputeMilliseconds { get; init; }

    /// <summary>Wall time of the blocks' commit (step + state write), milliseconds.</summary>
    [Id(8)] public double CommitMilliseconds { get; init; }

    /// <summary>Time from the job's start to this round's commit, milliseconds.</summary>
    [Id(9)] public double ElapsedMilliseconds { get; init; }

    /// <summary>Bytes of weights and gradients the shards moved in the round (pulls and pushes, keys included).</summary>
    [Id(20)] public long BytesMoved { get; init; }

    /// <summary>What the round's pulls and pushes would have moved as dense vectors: the yardstick of sparse traffic.</summary>
    [Id(21)] public long DenseBytes { get; init; }
    /// <summary>Longest time a shard spent pulling the weights from the blocks, milliseconds.</summary>
    [Id(10)] public double PullMilliseconds { get; init; }

    /// <summary>Longest time a shard spent pushing its gradient slices to the blocks, milliseconds.</summary>
    [Id(11)] public double PushMilliseconds { get; init; }

    /// <summary>Jobs with validation, on the rounds it ran: the metrics of the weights after this round on the held-out rows; null otherwise.</summary>
    [Id(22)] public EvaluationMetrics? Validation { get; init; }

    /// <summary>Jobs with validation, on the rounds it ran: the wall time of the validation (gathering the weights, the shards' scoring, the merge), milliseconds.</summary>
    [Id(23)] public double ValidationMilliseconds { get; init; }
}

/// <summary>What a trainer grain reports about its job.</summary>
[GenerateSerializer, Immutable, Alias("otrain.JobStatusInfo")]
public sealed record JobStatusInfo
{
    /// <summary>The job's name.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Current state.</summary>
    [Id(1)] public JobStatus Status { get; init; }

    /// <summary>Rounds committed so far.</summary>
    [Id(2)] public long Round { get; init; }

    /// <summary>Why the job stopped (stopping rule, error, cancellation); empty while running.</summary>
    [Id(3)] public string Reason { get; init; } = "";

    /// <summary>The spec the job runs.</summary>
    [Id(4)] public JobSpec? Spec { get; init; }

    /// <summary>When the job started (UTC).</summary>
    [Id(5)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the job stopped (UTC).</summary>
    [Id(6)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The last committed round's objective; NaN before the first.</summary>
    [Id(7)] public double LastObjective { get; init; } = double.NaN;

    /// <summary>SSP and asynchronous jobs: the rounds each shard has finished (shard order); empty for BSP jobs.</summary>
    [Id(8)] public long[] ShardRounds { get; init; } = [];

    /// <summary>What happened to the job (start, pauses, learning-rate changes, the end), oldest first.</summary>
    [Id(9)] public JobEvent[] History { get; init; } = [];

    /// <summary>Jobs with validation: the metrics of the latest validation; null before the first or without validation.</summary>
    [Id(10)] public EvaluationMetrics? Validation { get; init; }

    /// <summary>Jobs with validation: the round whose weights validated best so far (the model's round when the job has early stopping); null before the first validation.</summary>
    [Id(11)] public long? BestRound { get; init; }

    /// <summary>Completed jobs with validation: the final model's metrics on the rows it trained on.</summary>
    [Id(12)] public EvaluationMetrics? FinalTrainMetrics { get; init; }

    /// <summary>Completed jobs with validation: the final model's metrics on the held-out rows.</summary>
    [Id(13)] public EvaluationMetrics? FinalValidationMetrics { get; init; }

    /// <summary>Whether the job has stopped for good (completed, failed, cancelled, or being deleted).</summary>
    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Deleting;
}

/// <summary>A trained linear model: coefficients on the original feature scale.</summary>
[GenerateSerializer, Immutable, Alias("otrain.TrainedModel")]
public sealed record TrainedModel
{
    /// <summary>The job that produced it.</summary>
    [Id(0)] public string Job { get; init; } = "";

    /// <summary>The model family.</summary>
    [Id(1)] public ModelKind Model { get; init; }

    /// <summary>Feature names, in coefficient order.</summary>
    [Id(2)] public string[] FeatureNames { get; init; } = [];

    /// <summary>Coefficients (float64 values), outputs × features, output-major (one row per class for softmax regression).</summary>
    [Id(3)] public PackedVector Weights { get; init; } = PackedVector.Empty;

    /// <summary>The intercept of the first output (0 when the job fits none).</summary>
    [Id(4)] public double Intercept { get; init; }

    /// <summary>Rounds the job committed.</summary>
    [Id(5)] public long Rounds { get; init; }

    /// <summary>The job's state when the model was read.</summary>
    [Id(6)] public JobStatus Status { get; init; }

    /// <summary>One intercept per output (float64 values).</summary>
    [Id(7)] public PackedVector Intercepts { get; init; } = PackedVector.Empty;

    /// <summary>Number of outputs: K classes for softmax regression, else 1.</summary>
    [Id(8)] public int Outputs { get; init; } = 1;

    /// <summary>The dataset the job trained on.</summary>
    [Id(9)] public string Dataset { get; init; } = "";

    /// <summary>The spec the job ran.</summary>
    [Id(10)] public JobSpec? Spec { get; init; }

    /// <summary>The name of the dataset's label column.</summary>
    [Id(11)] public string LabelName { get; init; } = "";

    /// <summary>Features per output: the length of <see cref="FeatureNames"/>, or of a sparse dataset's numbered features.</summary>
    [Id(12)] public int FeatureCount { get; init; }

    /// <summary>The model's metrics on the rows it trained on, when the job measured them (at its end); null otherwise.</summary>
    [Id(13)] public EvaluationMetrics? TrainMetrics { get; init; }

    /// <summary>The model's metrics on the held-out rows (or validation dataset), when the job has validation; null otherwise.</summary>
    [Id(14)] public EvaluationMetrics? ValidationMetrics { get; init; }

    /// <summary>When early stopping chose these weights: the round after which they were validated best; null otherwise.</summary>
    [Id(15)] public long? BestRound { get; init; }

    /// <summary>How the dataset's source columns became the features, for encoding raw rows the same way; null for plain numeric columns.</summary>
    [Id(16)] public DatasetEncoding? Encoding { get; init; }
}
