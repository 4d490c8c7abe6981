namespace OrleansTrainer.Abstractions;

/// <summary>What a shard does in a round.</summary>
public enum ShardRoundKind
{
    /// <summary>Loss and gradient sums at the blocks' weights, pushed to the blocks.</summary>
    Gradient = 0,

    /// <summary>Local SGD: several local mini-batch steps from the blocks' weights; the row-weighted model change is pushed.</summary>
    LocalSgd = 1,
}

/// <summary>The trainer's instruction to one data shard for one round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardRoundRequest")]
public sealed record ShardRoundRequest
{
    /// <summary>The job's spec (model, loss parameters, penalties, blocks, seed).</summary>
    [Id(0)] public JobSpec Spec { get; init; } = new();

    /// <summary>The round being computed: the weight version the shard pulls and pushes against.</summary>
    [Id(1)] public long Round { get; init; }

    /// <summary>The shard's index within its dataset; contributions are summed in this order.</summary>
    [Id(2)] public int ShardIndex { get; init; }

    /// <summary>Number of outputs: K for softmax regression, 1 otherwise.</summary>
    [Id(3)] public int Outputs { get; init; } = 1;

    /// <summary>Rows this shard draws per step; 0 means all of its rows.</summary>
    [Id(4)] public int BatchRows { get; init; }

    /// <summary>What to compute.</summary>
    [Id(5)] public ShardRoundKind Kind { get; init; }

    /// <summary>Local SGD: the learning rate of the local steps.</summary>
    [Id(6)] public double LocalLearningRate { get; init; }

    /// <summary>
    /// SSP and asynchronous rounds: the oldest weight version the shard may compute on (it pulls whatever the blocks
    /// hold, which is at least this); its sums go to the blocks tagged with <see cref="Round"/>. Null for BSP rounds.
    /// </summary>
    [Id(7)] public long? MinimumVersion { get; init; }

    /// <summary>
    /// A carried round (a small model, see <c>TrainerOptions.CarriedRoundParameters</c>): the whole parameter vector at
    /// version <see cref="Round"/> (float64), sent by the trainer so that the shard need not pull it. Empty: the shard
    /// pulls from the blocks.
    /// </summary>
    [Id(8)] public PackedVector CarriedWeights { get; init; } = PackedVector.Empty;

    /// <summary>A carried round: the shard returns its sums in <see cref="ShardRoundResult.CarriedSums"/> instead of pushing them to the blocks.</summary>
    [Id(9)] public bool CarrySums { get; init; }

    /// <summary>Whether the trainer sent the weights (<see cref="CarriedWeights"/> not empty), so the shard does not pull them.</summary>
    public bool CarriesWeights => CarriedWeights.Bytes.Length > 0;
}

/// <summary>The sums one shard contributes to the normal equations, over its centered rows.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardGramResult")]
public sealed record ShardGramResult
{
    /// <summary>Σ s·xcxcᵀ, d × d row-major (float64), xc = x − center.</summary>
    [Id(0)] public PackedVector XtX { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·xc·y (float64).</summary>
    [Id(1)] public PackedVector Xty { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·xc (float64).</summary>
    [Id(2)] public PackedVector XSum { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·y.</summary>
    [Id(3)] public double YSum { get; init; }

    /// <summary>Σ s·y².</summary>
    [Id(4)] public double YySum { get; init; }

    /// <summary>Σ s.</summary>
    [Id(5)] public double WeightSum { get; init; }

    /// <summary>Rows.</summary>
    [Id(6)] public long Rows { get; init; }

    /// <summary>Time of the pass, milliseconds.</summary>
    [Id(7)] public double ComputeMilliseconds { get; init; }
}

/// <summary>What one shard reports after computing and pushing its contribution to a round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardRoundResult")]
public sealed record ShardRoundResult
{
    /// <summary>Sum of the (instance-weighted) per-row loss over the rows used.</summary>
    [Id(0)] public double LossSum { get; init; }

    /// <summary>Rows used.</summary>
    [Id(1)] public long Rows { get; init; }

    /// <summary>Time of the fused loss-and-gradient pass, milliseconds.</summary>
    [Id(2)] public double ComputeMilliseconds { get; init; }

    /// <summary>Sum of the instance weights of the rows used (the row count without weights).</summary>
    [Id(3)] public double WeightSum { get; init; }

    /// <summary>SSP and asynchronous rounds: the oldest weight version the shard computed on, over all blocks.</summary>
    [Id(4)] public long PulledVersion { get; init; }

    /// <summary>Bytes of weights and gradients the shard moved this round: pulled values (and, for sparse rows, their keys) plus pushed ones.</summary>
    [Id(20)] public long BytesMoved { get; init; }

    /// <summary>What the same pull and push would have moved as dense vectors over the whole parameter vector.</summary>
    [Id(21)] public long DenseBytes { get; init; }

    /// <summary>Time spent pulling the weights from the blocks, milliseconds.</summary>
    [Id(5)] public double PullMilliseconds { get; init; }

    /// <summary>Time spent pushing the gradient slices to the blocks, milliseconds.</summary>
    [Id(6)] public double PushMilliseconds { get; init; }

    /// <summary>
    /// <see cref="ShardRoundRequest.CarrySums"/>: the sums the shard would have pushed (gradient sums, or row-weighted
    /// model changes for local SGD) over the whole parameter vector (float64); empty otherwise.
    /// </summary>
    [Id(22)] public PackedVector CarriedSums { get; init; } = PackedVector.Empty;

    /// <summary><see cref="ShardRoundRequest.CarrySums"/>: the instance-weight sum that goes with <see cref="CarriedSums"/>.</summary>
    [Id(23)] public double CarriedWeight { get; init; }
}

/// <summary>
/// Every shard's contribution to one weight block's round, carried by the trainer (a small model): what the shards
/// would have pushed, in shard-index order.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.CarriedContributions")]
public sealed record CarriedContributions
{
    /// <summary>Shard s's sums over the block's slice (float64), at index s.</summary>
    [Id(0)] public PackedVector[] Sums { get; init; } = [];

    /// <summary>Shard s's instance-weight sum, at index s.</summary>
    [Id(1)] public double[] WeightSums { get; init; } = [];
}

/// <summary>
/// Some entries of a weight block's slice: int32 offsets into the block (strictly increasing) and one float64 value per
/// offset. What a shard with sparse rows pushes: only the gradient entries its rows touched.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.SparseSlice")]
public sealed record SparseSlice
{
    /// <summary>int32 offsets into the block, strictly increasing.</summary>
    [Id(0)] public PackedVector Offsets { get; init; } = PackedVector.Empty;

    /// <summary>float64 values, one per offset.</summary>
    [Id(1)] public PackedVector Values { get; init; } = PackedVector.Empty;
}

/// <summary>What a weight block does with a round's contributions.</summary>
public enum BlockCommitMode
{
    /// <summary>Apply the job's update rule (gradient step, momentum, AdaGrad, Adam, L1 prox) and move to the next version.</summary>
    Step = 0,

    /// <summary>Return the summed gradient to the trainer; the weights stay (trainer-side solvers such as L-BFGS).</summary>
    Aggregate = 1,

    /// <summary>Add the row-weighted mean of the shards' model changes (local SGD's model averaging).</summary>
    Average = 2,

    /// <summary>Block coordinate descent: the block solved its sub-problem (<see cref="IWeightBlockGrain.SolveCoordinatesAsync"/>).</summary>
    CoordinateDescent = 3,
}

/// <summary>How a weight block is set up for a job.</summary>
[GenerateSerializer, Immutable, Alias("otrain.WeightBlockSetup")]
public sealed record WeightBlockSetup
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

    /// <summary>The optimizer settings (learning rate, schedule, momentum, penalties).</summary>
    [Id(5)] public JobSpec Spec { get; init; } = new();

    /// <summary>Per-parameter multiplier of the L1 penalty (float64): 1/scale for features, 0 for intercepts.</summary>
    [Id(6)] public PackedVector L1Scale { get; init; } = PackedVector.Empty;

    /// <summary>
    /// The index (in the whole parameter vector) where the intercepts begin. When <see cref="PenaltyScale"/> and
    /// <see cref="L1Scale"/> are empty the penalties are uniform: 1 for every weight, 0 for every intercept, so a block
    /// of a million weights does not carry (and persist) two vectors of ones.
    /// </summary>
    [Id(7)] public int InterceptStart { get; init; } = int.MaxValue;
}

/// <summary>What a weight block reports after committing a round.</summary>
[GenerateSerializer, Immutable, Alias("otrain.BlockCommitResult")]
public sealed record BlockCommitResult
{
    /// <summary>
    /// Sum of squared entries over the block's slice of the gradient (with L1, of the proximal-gradient mapping), for
    /// <see cref="BlockCommitMode.Step"/>; of the model change for <see cref="BlockCommitMode.Average"/>.
    /// </summary>
    [Id(0)] public double GradientNormSquared { get; init; }

    /// <summary>The block's share of the penalty, at the weights the round started from.</summary>
    [Id(1)] public double Penalty { get; init; }

    /// <summary>The version now committed: the round after the one applied.</summary>
    [Id(2)] public long Version { get; init; }

    /// <summary><see cref="BlockCommitMode.Aggregate"/>: the summed gradient sums of the slice (float64), shard order.</summary>
    [Id(3)] public PackedVector GradientSum { get; init; } = PackedVector.Empty;

    /// <summary>Sum of the contributions' instance weights (rows without weights).</summary>
    [Id(4)] public double WeightSum { get; init; }

    /// <summary>
    /// A carried commit (<see cref="IWeightBlockGrain.CommitCarriedAsync"/>): the block's weights at <see cref="Version"/>
    /// (float64), which the trainer sends with the next round. Empty otherwise, and never persisted.
    /// </summary>
    [Id(5)] public PackedVector Weights { get; init; } = PackedVector.Empty;
}

/// <summary>A weight block's committed state, as persisted.</summary>
[GenerateSerializer, Immutable, Alias("otrain.WeightBlockSnapshot")]
public sealed record WeightBlockSnapshot
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

/// <summary>What a shard is asked for in a block-coordinate-descent step: the statistics of one weight block's coordinates.</summary>
[GenerateSerializer, Immutable, Alias("otrain.BlockStatisticsRequest")]
public sealed record BlockStatisticsRequest
{
    /// <summary>The job.</summary>
    [Id(0)] public JobSpec Spec { get; init; } = new();

    /// <summary>The first parameter of the block.</summary>
    [Id(1)] public int Start { get; init; }

    /// <summary>The block's number of parameters.</summary>
    [Id(2)] public int Length { get; init; }

    /// <summary>The version of every weight block the residuals must reflect.</summary>
    [Id(3)] public long[] BlockVersions { get; init; } = [];

    /// <summary>The number of features of the model (the intercept, when fitted, is parameter <c>Features</c>).</summary>
    [Id(4)] public int Features { get; init; }
}

/// <summary>A shard's statistics of one weight block's coordinates at its current residuals r = y − Xw − b.</summary>
[GenerateSerializer, Immutable, Alias("otrain.BlockStatistics")]
public sealed record BlockStatistics
{
    /// <summary>Σ s·x_j·x_k over the block's coordinates (the intercept's column is all ones), row-major, float64.</summary>
    [Id(0)] public PackedVector Gram { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·x_j·r for each of the block's coordinates, float64.</summary>
    [Id(1)] public PackedVector Correlation { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·r²/2: the squared-error loss sum at the current weights.</summary>
    [Id(2)] public double LossSum { get; init; }

    /// <summary>Σ s.</summary>
    [Id(3)] public double WeightSum { get; init; }

    /// <summary>Rows.</summary>
    [Id(4)] public long Rows { get; init; }

    /// <summary>Time of the pass, milliseconds.</summary>
    [Id(5)] public double ComputeMilliseconds { get; init; }
}

/// <summary>A weight block's change in a block-coordinate-descent step, for the shards to update their residuals.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ResidualUpdate")]
public sealed record ResidualUpdate
{
    /// <summary>The job.</summary>
    [Id(0)] public string Job { get; init; } = "";

    /// <summary>The first parameter of the block.</summary>
    [Id(1)] public int Start { get; init; }

    /// <summary>The change of each of the block's parameters, float64.</summary>
    [Id(2)] public PackedVector Delta { get; init; } = PackedVector.Empty;

    /// <summary>The block versions the residuals reflect before the change.</summary>
    [Id(3)] public long[] FromVersions { get; init; } = [];

    /// <summary>The block versions they reflect after it.</summary>
    [Id(4)] public long[] ToVersions { get; init; } = [];

    /// <summary>The number of features of the model (the intercept, when fitted, is parameter <c>Features</c>).</summary>
    [Id(5)] public int Features { get; init; }
}

/// <summary>A weight block's block-coordinate-descent sub-problem: the shards' statistics summed in shard order.</summary>
[GenerateSerializer, Immutable, Alias("otrain.BlockSubproblem")]
public sealed record BlockSubproblem
{
    /// <summary>Σ s·x_j·x_k over the block's coordinates, row-major, float64.</summary>
    [Id(0)] public PackedVector Gram { get; init; } = PackedVector.Empty;

    /// <summary>Σ s·x_j·r for each coordinate, float64.</summary>
    [Id(1)] public PackedVector Correlation { get; init; } = PackedVector.Empty;

    /// <summary>Σ s over all rows: the loss is the weighted mean.</summary>
    [Id(2)] public double WeightSum { get; init; }
}
