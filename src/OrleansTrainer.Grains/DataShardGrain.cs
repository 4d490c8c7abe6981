using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// A slice of a dataset's rows. Rows are stored in Redis chunk keys (<see cref="ShardStore"/>), loaded into memory
/// on the first round, and used for one fused loss-and-gradient pass per round.
/// </summary>
public sealed partial class DataShardGrain(
    [PersistentState("shard", TrainerStorage.ProviderName)] IPersistentState<ShardState> state,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    SlowShards slowShards,
    ReplicaAcknowledgement replicas,
    ILogger<DataShardGrain> logger) : Grain, IDataShardGrain
{
    private ShardRows? _rows;
    private RoundBuffers? _buffers;
    private FeatureScaling? _scaling;
    private MiniBatchCursor? _batches;
    private SparseBatch? _allRows;
    private (FeaturePermutation? Permutation, RowSplit? Split) _allRowsKey;
    private DatasetInfo? _dataset;
    private readonly ShardSplits _splits = new();
    private ShardResiduals? _residuals;
    private ShardStore? _store;

    private string Key => this.GetPrimaryKeyString();

    private ShardStore Store => _store ??= new ShardStore(redis, keys, Key);

    /// <inheritdoc />
    public async Task AppendChunkAsync(string ingestId, int chunkIndex, ShardChunk chunk)
    {
        var current = state.State;
        if (Store.PlanAppend(current, ingestId, chunkIndex, chunk) is not { } append)
        {
            return;
        }

        await Store.StoreAsync(append);
        state.State = append.Next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The chunk's key may stay behind; the next append of this index overwrites it, an abort deletes it.
            state.State = current;
            throw;
        }

        ForgetRows();

        // With ReplicaAcks the append is acknowledged only once the chunk and the index naming it are on the replicas:
        // a failover cannot then leave a shard whose index names a lost chunk. A shortfall fails the append, and with it
        // the upload, naming the master and the setting (the ingestion is aborted: nothing is left).
        await replicas.WaitAsync();
    }

    /// <inheritdoc />
    public async Task PrepareIngestAsync(string ingestId, bool outOfOrder)
    {
        if (state.State.IngestId == ingestId && state.State.OutOfOrder == outOfOrder)
        {
            return;
        }

        await Store.DeleteChunksAsync(state.State);
        state.State = new ShardState { IngestId = ingestId, OutOfOrder = outOfOrder };
        await state.WriteStateAsync();
        ForgetRows();
    }

    /// <inheritdoc />
    public async Task<ShardStatistics> GetStatisticsAsync(string ingestId)
    {
        if (state.State.IngestId != ingestId)
        {
            throw new InvalidOperationException($"Shard {Key} holds rows of ingestion {state.State.IngestId}, not {ingestId}.");
        }

        return ShardStatisticsCalculator.Of(_rows ??= await LoadRowsAsync());
    }

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        await Store.DeleteChunksAsync(state.State);
        await state.ClearStateAsync();
        ForgetRows();
    }

    /// <inheritdoc />
    public Task<ShardSummary> GetSummaryAsync() => Task.FromResult(new ShardSummary
    {
        Key = Key,
        Rows = state.State.Rows,
        Columns = state.State.Columns,
        Chunks = state.State.ChunkRows.Length,
        MissingChunks = state.State.MissingChunks,
        StoredBytes = state.State.StoredBytes,
        Loaded = _rows is not null,
        IngestId = state.State.IngestId,
    });

    /// <inheritdoc />
    public async Task<ShardRoundResult> RunRoundAsync(ShardRoundRequest request)
    {
        using var span = TrainerTelemetry.StartShardRound(Key, request.Round);
        var rows = _rows ??= await LoadRowsAsync();
        var spec = request.Spec;
        var training = await TrainingAsync(request, rows);
        if (rows.Sparse is not null)
        {
            return await RunSparseRoundAsync(request, rows, training);
        }

        var layout = new ParameterLayout(rows.Columns, request.Outputs, spec.FitIntercept);
        if (_buffers is null || _buffers.Layout != layout)
        {
            _buffers = new RoundBuffers(layout);
        }

        var buffers = _buffers;
        var blocks = new BlockLayout(layout.Length, spec.WeightBlocks);
        await slowShards.DelayAsync(request.Spec.Name, request.ShardIndex);

        var pullStarted = Stopwatch.GetTimestamp();
        long pulledVersion;
        if (request.MinimumVersion is { } minimum)
        {
            pulledVersion = await PullLatestAsync(spec.Name, minimum, blocks, buffers.Parameters);
        }
        else if (request.CarriesWeights)
        {
            TakeCarriedWeights(request, buffers.Parameters);
            pulledVersion = request.Round;
        }
        else
        {
            await PullAsync(spec.Name, request.Round, blocks, buffers.Parameters);
            pulledVersion = request.Round;
        }

        // A carried round neither pulls (it was sent the weights) nor pushes (it returns its sums): no time is reported.
        var pullMs = request.CarriesWeights ? 0 : Stopwatch.GetElapsedTime(pullStarted).TotalMilliseconds;
        TrainerTelemetry.ShardPhase(TrainerTelemetry.Pull, pullStarted);
        var scaling = spec.Standardize ? _scaling ??= await LoadScalingAsync() : null;

        var started = Stopwatch.GetTimestamp();
        double lossSum, weightSum, pushWeight;
        long used;
        if (request.Kind == ShardRoundKind.LocalSgd)
        {
            (lossSum, weightSum, used) = LocalSgdRunner.Run(request, rows, training, scaling, buffers);
            pushWeight = training.TotalWeight;
            for (var i = 0; i < buffers.SolverGradient.Length; i++)
            {
                buffers.SolverGradient[i] *= pushWeight;
            }
        }
        else
        {
            var sums = ShardGradient.Compute(spec, rows, training.GradientBatch(request.BatchRows, request.Round), scaling, buffers);
            (lossSum, weightSum, used, pushWeight) = (sums.Loss, sums.WeightSum, sums.Rows, sums.WeightSum);
        }

        var computeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        TrainerTelemetry.ShardPhase(TrainerTelemetry.Compute, started);
        var pushStarted = Stopwatch.GetTimestamp();
        var carriedSums = PackedVector.Empty;
        if (request.CarrySums)
        {
            carriedSums = new PackedVector { Bytes = DenseBuffers.ToBytes(buffers.SolverGradient) };
        }
        else if (request.MinimumVersion is null)
        {
            await PushAsync(spec.Name, request.Round, request.ShardIndex, blocks, buffers.SolverGradient, pushWeight);
        }
        else
        {
            await PushStaleAsync(spec, request, blocks, buffers.SolverGradient, pushWeight);
        }

        TrainerTelemetry.ShardPhase(TrainerTelemetry.Push, pushStarted);

        return new ShardRoundResult
        {
            LossSum = lossSum,
            Rows = used,
            WeightSum = weightSum,
            ComputeMilliseconds = computeMs,
            PulledVersion = pulledVersion,
            PullMilliseconds = pullMs,
            PushMilliseconds = request.CarrySums ? 0 : Stopwatch.GetElapsedTime(pushStarted).TotalMilliseconds,
            CarriedSums = carriedSums,
            CarriedWeight = request.CarrySums ? pushWeight : 0,
        };
    }

    /// <inheritdoc />
    public async Task<EvaluationSums> EvaluateAsync(EvaluationRequest request)
    {
        var rows = _rows ??= await LoadRowsAsync();
        var features = rows.Sparse is null ? rows.Columns : (await DatasetAsync()).Schema.SparseDimension;
        var (weightCount, interceptCount) = (request.Weights.Bytes.Length / sizeof(double), request.Intercepts.Bytes.Length / sizeof(double));
        if (request.Outputs < 1 || interceptCount != request.Outputs || weightCount != (long)features * request.Outputs)
        {
            throw new ArgumentException(
                $"Shard {Key}: the model has {weightCount} weights and {interceptCount} intercepts; its rows need {request.Outputs} output(s) of {features} features.");
        }

        var split = request.Rows == EvaluationRows.All ? null : await SplitAsync(request.Spec, rows);
        var selected = request.Rows switch
        {
            EvaluationRows.All => null,
            EvaluationRows.HeldOut => split?.HeldOut
                ?? throw new ArgumentException($"Shard {Key}: job \"{request.Spec.Name}\" holds no rows of this dataset out."),
            _ => split?.Training,
        };
        var accumulator = EvaluationAccumulator.Create(request.Spec, request.Outputs);
        ShardScoring.Score(rows, selected, DenseBuffers.AsDoubles(request.Weights.Bytes), DenseBuffers.AsDoubles(request.Intercepts.Bytes), request.Outputs, accumulator);
        return accumulator.ToSums();
    }

    /// <inheritdoc />
    public async Task<BlockStatistics> ComputeBlockStatisticsAsync(BlockStatisticsRequest request)
    {
        var rows = _rows ??= await LoadRowsAsync();
        if (rows.Sparse is not null)
        {
            throw new InvalidOperationException($"Shard {Key}: block coordinate descent needs dense rows; this dataset is sparse.");
        }

        var training = await TrainingAsync(request.Spec, rows);
        return await (_residuals ??= new ShardResiduals(GrainFactory, Key)).StatisticsAsync(request, training.Rows);
    }

    /// <inheritdoc />
    public async Task ApplyResidualUpdateAsync(ResidualUpdate update)
    {
        var rows = _rows ??= await LoadRowsAsync();
        (_residuals ??= new ShardResiduals(GrainFactory, Key)).Apply(update, rows);
    }

    /// <inheritdoc />
    public Task ForgetJobAsync(string job)
    {
        _residuals?.Forget(job);
        return Task.CompletedTask;
    }

    private async Task<ShardRoundResult> RunSparseRoundAsync(ShardRoundRequest request, ShardRows rows, ShardTraining training)
    {
        if (request.CarrySums || request.CarriesWeights)
        {
            throw new ArgumentException($"Shard {Key}: round {request.Round} of job {request.Spec.Name} is carried, but sparse rows pull and push only the keys they touch.");
        }

        var spec = request.Spec;
        var dimension = (await DatasetAsync()).Schema.SparseDimension;
        await slowShards.DelayAsync(request.Spec.Name, request.ShardIndex);
        var layout = new ParameterLayout(dimension, request.Outputs, spec.FitIntercept);
        var permutation = FeaturePermutation.For(spec, dimension);
        var round = new SparseShardRound(GrainFactory);
        if (request.Kind == ShardRoundKind.LocalSgd)
        {
            // The steps of round r are the round's slice of the shard's epoch permutations, as for dense local SGD.
            // Positions index the training rows, which are the rows of AllRows in order.
            var order = training.Positions(checked(request.BatchRows * spec.LocalSteps), request.Round);
            return await round.RunLocalSgdAsync(request, AllRows(rows, dimension, permutation, training), order, training.TotalWeight, layout);
        }

        var batch = training.GradientBatch(request.BatchRows, request.Round) is { } selected && selected != training.All
            ? SparseBatch.From(rows, selected, dimension, permutation)
            : AllRows(rows, dimension, permutation, training);
        return await round.RunAsync(request, batch, layout);
    }

    /// <summary>All the shard's training rows as one batch, kept for the jobs that ask with the same feature order and split.</summary>
    private SparseBatch AllRows(ShardRows rows, int dimension, FeaturePermutation? permutation, ShardTraining training)
    {
        var key = (permutation, training.Split?.Split);
        if (_allRows is null || _allRowsKey != key)
        {
            _allRows = SparseBatch.From(rows, training.All, dimension, permutation);
            _allRowsKey = key;
        }

        return _allRows;
    }

    /// <summary>The rows <paramref name="request"/>'s job trains on in this shard, with its mini-batch cursor.</summary>
    private Task<ShardTraining> TrainingAsync(ShardRoundRequest request, ShardRows rows) => TrainingAsync(request.Spec, rows, request.ShardIndex);

    private async Task<ShardTraining> TrainingAsync(JobSpec spec, ShardRows rows, int? shardIndex = null)
    {
        var index = shardIndex ?? GrainKeys.Parse(Key).Index;
        var split = await SplitAsync(spec, rows);
        var count = split?.Training.Length ?? rows.Rows;
        if (_batches is null || !_batches.Matches(spec.Seed, index, count))
        {
            _batches = new MiniBatchCursor(spec.Seed, index, count);
        }

        return new ShardTraining(rows, split, _batches);
    }

    /// <summary>The shard's rows divided by the job's split; null when the job holds none of this dataset's rows out.</summary>
    private async Task<ShardSplit?> SplitAsync(JobSpec spec, ShardRows rows)
    {
        if (ShardSplit.RuleOf(spec) is not { } rule)
        {
            return null;
        }

        var shardCount = (await DatasetAsync()).ShardCount;
        var index = GrainKeys.Parse(Key).Index;
        return _splits.Get(rule, () => ShardSplit.Create(rows, index, shardCount, rule));
    }

    private async Task<DatasetInfo> DatasetAsync() => _dataset ??= await GrainFactory.Dataset(GrainKeys.Parse(Key).Owner).GetInfoAsync();

    private void ForgetRows()
    {
        _rows = null;
        _allRows = null;
        _scaling = null;
        _dataset = null;
        _residuals = null;
        _splits.Clear();
    }

    /// <inheritdoc />
    public Task MoveToAsync(SiloAddress silo)
    {
        _ = Relocation.MoveTo(this, silo);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ShardGramResult> ComputeGramAsync(PackedVector center, JobSpec spec)
    {
        var rows = (await TrainingAsync(spec, _rows ??= await LoadRowsAsync())).Rows;
        if (rows.Sparse is not null)
        {
            throw new InvalidOperationException($"Shard {Key}: the normal equations need dense rows; this dataset is sparse.");
        }

        var started = Stopwatch.GetTimestamp();
        var sums = new GramSums(rows.Columns);
        if (rows.FeatureType == FeatureType.Float64)
        {
            GramKernel.Accumulate(rows.Features64, rows.Labels, rows.Weights, DenseBuffers.AsDoubles(center.Bytes), sums);
        }
        else
        {
            GramKernel.Accumulate(rows.Features32, rows.Labels, rows.Weights, DenseBuffers.AsDoubles(center.Bytes), sums);
        }
        return new ShardGramResult
        {
            XtX = new PackedVector { Bytes = DenseBuffers.ToBytes(sums.XtX) },
            Xty = new PackedVector { Bytes = DenseBuffers.ToBytes(sums.Xty) },
            XSum = new PackedVector { Bytes = DenseBuffers.ToBytes(sums.XSum) },
            YSum = sums.YSum,
            YySum = sums.YySum,
            WeightSum = sums.WeightSum,
            Rows = sums.Rows,
            ComputeMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private async Task PullAsync(string job, long round, BlockLayout layout, double[] parameters)
    {
        var pulls = new Task<PackedVector>[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            pulls[b] = Block(job, b).PullAsync(round);
        }

        await Task.WhenAll(pulls);
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            var slice = DenseBuffers.AsDoubles(pulls[b].Result.Bytes);
            if (slice.Length != length)
            {
                throw new InvalidOperationException($"Shard {Key}: block {b} of job {job} returned {slice.Length} weights, expected {length}.");
            }

            slice.CopyTo(parameters.AsSpan(start, length));
        }
    }

    /// <summary>A carried round's weights, as the trainer sent them, into <paramref name="parameters"/>.</summary>
    private void TakeCarriedWeights(ShardRoundRequest request, double[] parameters)
    {
        var weights = DenseBuffers.AsDoubles(request.CarriedWeights.Bytes);
        if (weights.Length != parameters.Length)
        {
            throw new ArgumentException($"Shard {Key}: round {request.Round} of job {request.Spec.Name} carried {weights.Length} weights, expected {parameters.Length}.");
        }

        weights.CopyTo(parameters);
    }

    private async Task<long> PullLatestAsync(string job, long minimumVersion, BlockLayout layout, double[] parameters)
    {
        var pulls = new Task<(PackedVector Weights, long Version)>[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            pulls[b] = Block(job, b).PullLatestAsync(minimumVersion);
        }

        await Task.WhenAll(pulls);
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            DenseBuffers.AsDoubles(pulls[b].Result.Weights.Bytes).CopyTo(parameters.AsSpan(start, length));
        }

        return pulls.Min(p => p.Result.Version);
    }

    private Task PushStaleAsync(JobSpec spec, ShardRoundRequest request, BlockLayout layout, double[] sums, double weightSum)
    {
        var pushes = new Task<long>[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            var slice = new PackedVector { Bytes = DenseBuffers.ToBytes(sums.AsSpan(start, length)) };
            pushes[b] = Block(spec.Name, b).PushStaleAsync(request.Round, request.ShardIndex, slice, weightSum, spec.Consistency);
        }

        return Task.WhenAll(pushes);
    }

    private Task PushAsync(string job, long round, int shardIndex, BlockLayout layout, double[] sums, double weightSum)
    {
        var pushes = new Task[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            var slice = new PackedVector { Bytes = DenseBuffers.ToBytes(sums.AsSpan(start, length)) };
            pushes[b] = Block(job, b).PushAsync(round, shardIndex, slice, weightSum);
        }

        return Task.WhenAll(pushes);
    }

    private IWeightBlockGrain Block(string job, int index) => GrainFactory.WeightBlock(job, index);

    private async Task<ShardRows> LoadRowsAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var rows = await Store.LoadAsync(state.State);
        LogLoaded(Key, state.State.Rows, state.State.ChunkRows.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return rows;
    }

    private async Task<FeatureScaling> LoadScalingAsync()
    {
        var (dataset, _) = GrainKeys.Parse(Key);
        var info = await GrainFactory.Dataset(dataset).GetInfoAsync();
        var stats = info.Statistics ?? throw new InvalidOperationException($"Dataset \"{dataset}\" has no statistics yet; it is still ingesting.");
        return FeatureScaling.From(stats);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: loaded {Rows} rows from {Chunks} chunks in {Milliseconds:F1} ms")]
    private partial void LogLoaded(string shard, long rows, int chunks, double milliseconds);
}
