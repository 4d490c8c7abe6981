using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>The distributed operations a trainer composes its rounds from.</summary>
/// <param name="grains">The grain factory.</param>
/// <param name="context">The job.</param>
/// <param name="carriedRoundParameters">The largest model whose rounds are carried (<see cref="TrainerOptions.CarriedRoundParameters"/>).</param>
internal sealed class RoundOperations(IGrainFactory grains, JobContext context, int carriedRoundParameters)
{
    private readonly int[] _batchRows = BatchRows(context.Spec, context.Dataset.ShardRows);

    /// <summary>The job.</summary>
    public JobContext Context => context;

    /// <summary>The grains the operations call.</summary>
    public IGrainFactory Grains => grains;

    /// <summary>
    /// Whether the job's BSP rounds are carried (<see cref="TrainerOptions.CarriedRoundParameters"/>): a model of dense
    /// rows small enough that the trainer sends the weights with the shards' requests and hands their sums to the blocks.
    /// </summary>
    public bool CarriesRounds =>
        context.Layout.Length <= carriedRoundParameters && !context.Dataset.Schema.IsSparse && context.Spec.Consistency == ConsistencyMode.Bsp;

    /// <summary>Every shard computes its contribution to <paramref name="round"/> and pushes it to the blocks; results in shard order.</summary>
    public Task<ShardRoundResult[]> RunShardsAsync(long round, ShardRoundKind kind, double localLearningRate = 0) =>
        RunShardsAsync(round, kind, localLearningRate, carried: false, PackedVector.Empty);

    /// <summary>
    /// A carried round's shards: each computes on <paramref name="weights"/> (the whole vector at version
    /// <paramref name="round"/>; empty, it pulls them from the blocks) and returns its sums in shard order.
    /// </summary>
    public Task<ShardRoundResult[]> RunCarriedShardsAsync(long round, ShardRoundKind kind, double localLearningRate, PackedVector weights) =>
        RunShardsAsync(round, kind, localLearningRate, carried: true, weights);

    /// <summary>
    /// Commits carried round <paramref name="round"/> on every block with every shard's slice of <paramref name="results"/>'
    /// sums; the blocks' results in block order (each with the weights the block now holds: <see cref="CarriedWeights"/>).
    /// </summary>
    public async Task<BlockCommitResult[]> CommitCarriedAsync(long round, BlockCommitMode mode, ShardRoundResult[] results)
    {
        for (var s = 0; s < results.Length; s++)
        {
            if (results[s].CarriedSums.Bytes.Length != context.Layout.Length * sizeof(double))
            {
                throw new InvalidOperationException(
                    $"Job {context.Spec.Name}: shard {s} returned {results[s].CarriedSums.Bytes.Length / sizeof(double)} sums for carried round {round}, expected {context.Layout.Length}.");
            }
        }

        return await Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks).Select(b =>
        {
            var (start, length) = context.Blocks.Range(b);
            var sums = results.Select(r => new PackedVector { Bytes = r.CarriedSums.Bytes.AsSpan(start * sizeof(double), length * sizeof(double)).ToArray() });
            return Block(b).CommitCarriedAsync(round, mode, new CarriedContributions { Sums = [.. sums], WeightSums = [.. results.Select(r => r.CarriedWeight)] });
        }));
    }

    /// <summary>The whole weight vector the blocks hold after carried round <paramref name="round"/>'s <paramref name="commits"/>, for the next round's requests.</summary>
    public PackedVector CarriedWeights(long round, BlockCommitResult[] commits)
    {
        var weights = new byte[context.Layout.Length * sizeof(double)];
        for (var b = 0; b < commits.Length; b++)
        {
            var (start, length) = context.Blocks.Range(b);
            if (commits[b].Weights.Bytes.Length != length * sizeof(double))
            {
                throw new InvalidOperationException($"Job {context.Spec.Name}: block {b} committed round {round} with {commits[b].Weights.Bytes.Length / sizeof(double)} weights, expected {length}.");
            }

            commits[b].Weights.Bytes.AsSpan().CopyTo(weights.AsSpan(start * sizeof(double)));
        }

        return new PackedVector { Bytes = weights };
    }

    /// <summary>One shard's SSP or asynchronous round: computed on weights no older than <paramref name="minimumVersion"/>.</summary>
    public Task<ShardRoundResult> RunStaleShardAsync(int shard, long round, long minimumVersion) =>
        Shard(shard).RunRoundAsync(Request(shard, round) with { MinimumVersion = minimumVersion });

    /// <summary>The oldest version any block holds: the last round every block has applied.</summary>
    public async Task<long> OldestBlockVersionAsync()
    {
        var snapshots = await Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks).Select(b => Block(b).GetSnapshotAsync()));
        return snapshots.Min(s => s.Version);
    }

    /// <summary>Commits <paramref name="round"/> on every block; results in block order.</summary>
    public Task<BlockCommitResult[]> CommitAsync(long round, BlockCommitMode mode) =>
        Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks).Select(b => Block(b).CommitAsync(round, mode)));

    /// <summary>Sets every block's weights from the full parameter vector, as version <paramref name="round"/>; in Redis too if <paramref name="durable"/>.</summary>
    public Task SetWeightsAsync(long round, ReadOnlySpan<double> parameters, bool durable)
    {
        var tasks = new Task[context.Spec.WeightBlocks];
        for (var b = 0; b < tasks.Length; b++)
        {
            var (start, length) = context.Blocks.Range(b);
            tasks[b] = Block(b).SetWeightsAsync(round, new PackedVector { Bytes = DenseBuffers.ToBytes(parameters.Slice(start, length)) }, durable);
        }

        return Task.WhenAll(tasks);
    }

    /// <summary>Sets every block up for the job at version 0 with the given initial parameters.</summary>
    public Task InitializeBlocksAsync(double[] initial) =>
        Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks).Select(b =>
        {
            var (start, length) = context.Blocks.Range(b);
            return Block(b).InitializeAsync(new WeightBlockSetup
            {
                Start = start,
                Length = length,
                InitialWeights = new PackedVector { Bytes = DenseBuffers.ToBytes(initial.AsSpan(start, length)) },
                PenaltyScale = context.Scaling is null ? PackedVector.Empty : new PackedVector { Bytes = DenseBuffers.ToBytes(context.L2Scale.AsSpan(start, length)) },
                L1Scale = context.Scaling is null ? PackedVector.Empty : new PackedVector { Bytes = DenseBuffers.ToBytes(context.L1Scale.AsSpan(start, length)) },
                InterceptStart = context.Layout.WeightCount,
                ShardCount = context.ShardCount,
                Spec = context.Spec,
            });
        }));

    /// <summary>The full parameter vector as the blocks hold it.</summary>
    public async Task<double[]> GatherAsync()
    {
        var snapshots = await Task.WhenAll(Enumerable.Range(0, context.Spec.WeightBlocks).Select(b => Block(b).GetSnapshotAsync()));
        var parameters = new double[context.Layout.Length];
        foreach (var snapshot in snapshots)
        {
            DenseBuffers.AsDoubles(snapshot.Weights.Bytes).CopyTo(parameters.AsSpan(snapshot.Start));
        }

        return parameters;
    }

    /// <summary>Every shard's normal-equation sums, centered on <paramref name="center"/>; in shard order.</summary>
    public Task<ShardGramResult[]> GramAsync(double[] center)
    {
        var packed = new PackedVector { Bytes = DenseBuffers.ToBytes(center) };
        return Task.WhenAll(Enumerable.Range(0, context.ShardCount).Select(s =>
            Shard(s).ComputeGramAsync(packed, context.Spec)));
    }

    /// <summary>Checks the shards' losses are finite; returns the failure reason of the first that is not.</summary>
    public static string? FindDivergence(ShardRoundResult[] results, long round)
    {
        for (var s = 0; s < results.Length; s++)
        {
            if (!double.IsFinite(results[s].LossSum))
            {
                return $"diverged: the loss of shard {s} is {results[s].LossSum} at round {round}; the weights of round {round} are kept";
            }
        }

        return null;
    }

    /// <summary>The job's weight block <paramref name="index"/>.</summary>
    public IWeightBlockGrain Block(int index) => grains.WeightBlock(context.Spec.Name, index);

    /// <summary>The dataset's shard <paramref name="index"/>.</summary>
    public IDataShardGrain Shard(int index) => grains.DataShard(context.Spec.Dataset, index);

    private Task<ShardRoundResult[]> RunShardsAsync(long round, ShardRoundKind kind, double localLearningRate, bool carried, PackedVector weights) =>
        Task.WhenAll(Enumerable.Range(0, context.ShardCount).Select(s =>
            Shard(s).RunRoundAsync(Request(s, round) with
            {
                Kind = kind, LocalLearningRate = localLearningRate, CarrySums = carried, CarriedWeights = weights,
            })));

    /// <summary>Shard <paramref name="shard"/>'s gradient round <paramref name="round"/> of the job.</summary>
    private ShardRoundRequest Request(int shard, long round) => new()
    {
        Spec = context.Spec,
        Round = round,
        ShardIndex = shard,
        Outputs = context.Layout.Outputs,
        BatchRows = _batchRows[shard],
    };

    /// <summary>The rows each shard uses per round: its share of the batch when the solver samples batches, else 0 (all its rows).</summary>
    private static int[] BatchRows(JobSpec spec, long[] shardRows)
    {
        var batch = new int[shardRows.Length];
        if (!SolverRegistry.For(spec).SamplesBatches)
        {
            return batch;
        }

        var total = shardRows.Sum();
        for (var s = 0; s < batch.Length; s++)
        {
            var share = (long)Math.Round((double)spec.BatchSize * shardRows[s] / total);
            batch[s] = (int)Math.Clamp(share, Math.Min(1, shardRows[s]), shardRows[s]);
        }

        return batch;
    }
}
