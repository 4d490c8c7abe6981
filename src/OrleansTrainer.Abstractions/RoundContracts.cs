namespace OrleansTrainer.Abstractions;

/// <summary>The trainer's instruction to one data shard for one round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardRoundRequest")]
public sealed class ShardRoundRequest
{
    /// <summary>The job.</summary>
    [Id(0)] public string Job { get; init; } = "";

    /// <summary>The round being computed.</summary>
    [Id(1)] public long Round { get; init; }

    /// <summary>The shard's index within its dataset; contributions are summed in this order.</summary>
    [Id(2)] public int ShardIndex { get; init; }

    /// <summary>The model family (decides the loss).</summary>
    [Id(3)] public ModelKind Model { get; init; }

    /// <summary>Whether the parameter vector ends with an intercept.</summary>
    [Id(4)] public bool FitIntercept { get; init; }

    /// <summary>Whether the solver works in standardized coordinates (the shard reads the dataset's statistics).</summary>
    [Id(5)] public bool Standardize { get; init; }

    /// <summary>How many weight blocks hold the parameters.</summary>
    [Id(6)] public int WeightBlocks { get; init; }

    /// <summary>Rows this shard draws for the round; 0 means all of its rows.</summary>
    [Id(7)] public int BatchRows { get; init; }

    /// <summary>The job's seed (mini-batch sampling).</summary>
    [Id(8)] public ulong Seed { get; init; }
}

/// <summary>What one shard reports after computing and pushing its contribution to a round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardRoundResult")]
public sealed class ShardRoundResult
{
    /// <summary>Sum of the per-row loss over the rows used.</summary>
    [Id(0)] public double LossSum { get; init; }

    /// <summary>Rows used.</summary>
    [Id(1)] public long Rows { get; init; }

    /// <summary>Time of the fused loss-and-gradient pass, milliseconds.</summary>
    [Id(2)] public double ComputeMilliseconds { get; init; }
}

/// <summary>How a weight block is set up for a job.</summary>
[GenerateSerializer, Immutable, Alias("otrain.WeightBlockSetup")]
public sealed class WeightBlockSetup
{
    /// <summary>First parameter index (inclusive) the block owns.</summary>
    [Id(0)] public int Start { get; init; }

    /// <summary>Number of parameters the block owns.</summary>
    [Id(1)] public int Length { get; init; }

    /// <summary>Initial parameter values (float64), solver coordinates.</summary>
    [Id(2)] public PackedVector InitialWeights { get; init; } = PackedVector.Empty;

    /// <summary>Per-parameter multiplier of the L2 penalty (float64): 1/scale² for features, 0 for the intercept.</summary>
    [Id(3)] public PackedVector PenaltyScale { get; init; } = PackedVector.Empty;

    /// <summary>How many shards contribute to each round.</summary>
    [Id(4)] public int ShardCount { get; init; }

    /// <summary>The optimizer settings (learning rate, schedule, momentum, L2).</summary>
    [Id(5)] public JobSpec Spec { get; init; } = new();
}

/// <summary>What a weight block reports after committing a round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.BlockCommitResult")]
public sealed class BlockCommitResult
{
    /// <summary>Sum of squared gradient entries over the block's slice.</summary>
    [Id(0)] public double GradientNormSquared { get; init; }

    /// <summary>The block's share of the penalty, at the weights the round started from.</summary>
    [Id(1)] public double Penalty { get; init; }

    /// <summary>The version now committed: the round after the one applied.</summary>
    [Id(2)] public long Version { get; init; }
}

/// <summary>A weight block's committed state, as persisted.</summary>
[GenerateSerializer, Immutable, Alias("otrain.WeightBlockSnapshot")]
public sealed class WeightBlockSnapshot
{
    /// <summary>The block's grain key, <c>{job}/{index}</c>.</summary>
    [Id(0)] public string Key { get; init; } = "";

    /// <summary>First parameter index owned.</summary>
    [Id(1)] public int Start { get; init; }

    /// <summary>The weights (float64), solver coordinates.</summary>
    [Id(2)] public PackedVector Weights { get; init; } = PackedVector.Empty;

    /// <summary>Last committed round + 1: the round these weights are the input of.</summary>
    [Id(3)] public long Version { get; init; }

    /// <summary>Contributions held for the round in progress.</summary>
    [Id(4)] public int PendingContributions { get; init; }
}
