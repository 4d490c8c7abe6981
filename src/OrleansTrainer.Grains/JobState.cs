using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a trainer grain, written after every committed round.</summary>
[GenerateSerializer, Alias("otrain.JobState")]
public sealed class JobState
{
    /// <summary>The job's spec; null before it starts.</summary>
    [Id(0)] public JobSpec? Spec { get; set; }

    /// <summary>Current state.</summary>
    [Id(1)] public JobStatus Status { get; set; }

    /// <summary>Rounds committed.</summary>
    [Id(2)] public long Round { get; set; }

    /// <summary>Why the job stopped.</summary>
    [Id(3)] public string Reason { get; set; } = "";

    /// <summary>When it started.</summary>
    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it stopped.</summary>
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Objective of the last committed round.</summary>
    [Id(6)] public double LastObjective { get; set; } = double.NaN;

    /// <summary>Rows of each shard of the dataset when the job started (used to split mini-batches).</summary>
    [Id(7)] public long[] ShardRows { get; set; } = [];

    /// <summary>Feature count of the dataset.</summary>
    [Id(8)] public int Columns { get; set; }

    /// <summary>Outputs of the model: K for softmax regression, else 1.</summary>
    [Id(9)] public int Outputs { get; set; } = 1;

    /// <summary>The trainer-side solver's state (L-BFGS, line-search gradient descent) after the last committed round.</summary>
    [Id(10)] public Numerics.LbfgsSnapshot? Lbfgs { get; set; }

    /// <summary>The job's history: start, pauses, resumptions, learning-rate changes, its end; oldest first.</summary>
    [Id(11)] public List<JobEvent> History { get; set; } = [];
}
