using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// A slice of a dataset's rows. Rows are stored in Redis chunk keys (see <see cref="ChunkCodec"/>), loaded into memory
/// on the first round, and used for one fused loss-and-gradient pass per round.
/// </summary>
public sealed partial class DataShardGrain(
    [PersistentState("shard", TrainerStorage.ProviderName)] IPersistentState<ShardState> state,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    ILogger<DataShardGrain> logger) : Grain, IDataShardGrain
{
    private ShardRows? _rows;
    private RoundBuffers? _buffers;
    private (double[] Mean, double[] Scale)? _standardization;
    private MiniBatchCursor? _batches;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task AppendChunkAsync(string ingestId, int chunkIndex, ShardChunk chunk)
    {
        var s = state.State;
        if (s.IngestId != ingestId)
        {
            if (chunkIndex != 0)
            {
                throw new InvalidOperationException($"Shard {Key}: chunk {chunkIndex} of unknown ingestion {ingestId}.");
            }

            await DeleteChunksAsync();
            state.State = s = new ShardState { IngestId = ingestId, Columns = chunk.Columns };
        }

        ChunkCodec.Validate(chunk, s.Columns);
        var encoded = ChunkCodec.Encode(chunk);
        var checksum = ChunkCodec.Checksum(encoded);
        if (chunkIndex < s.ChunkRows.Count)
        {
            if (s.ChunkChecksums[chunkIndex] != checksum)
            {
                throw new InvalidOperationException($"Shard {Key}: chunk {chunkIndex} was already stored with other contents.");
            }

            return;
        }

        if (chunkIndex != s.ChunkRows.Count)
        {
            throw new InvalidOperationException($"Shard {Key}: expected chunk {s.ChunkRows.Count}, got chunk {chunkIndex}.");
        }

        await redis.GetDatabase().StringSetAsync(keys.ShardChunk(Key, chunkIndex), encoded);
        s.ChunkRows.Add(chunk.Rows);
        s.ChunkChecksums.Add(checksum);
        s.StoredBytes += encoded.Length;
        await state.WriteStateAsync();
        _rows = null;
    }

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        await DeleteChunksAsync();
        await state.ClearStateAsync();
        _rows = null;
        _standardization = null;
    }

    /// <inheritdoc />
    public Task<ShardSummary> GetSummaryAsync() => Task.FromResult(new ShardSummary
    {
        Key = Key,
        Rows = state.State.Rows,
        Columns = state.State.Columns,
        Chunks = state.State.ChunkRows.Count,
        StoredBytes = state.State.StoredBytes,
        Loaded = _rows is not null,
        IngestId = state.State.IngestId,
    });

    /// <inheritdoc />
    public async Task<ShardRoundResult> RunRoundAsync(ShardRoundRequest request)
    {
        var rows = _rows ??= await LoadRowsAsync();
        var cols = rows.Columns;
        if (_buffers is null || !_buffers.Fits(cols, request.FitIntercept))
        {
            _buffers = new RoundBuffers(cols, request.FitIntercept);
        }

        var buffers = _buffers;
        var layout = new BlockLayout(buffers.Parameters.Length, request.WeightBlocks);
        await PullAsync(request, layout, buffers.Parameters);

        (double[] Mean, double[] Scale)? standardization = request.Standardize ? _standardization ??= await LoadStandardizationAsync() : null;
        var intercept = request.FitIntercept ? buffers.Parameters[cols] : 0.0;
        if (standardization is { } toRaw)
        {
            Standardization.ToRawModel(buffers.Parameters.AsSpan(0, cols), intercept, toRaw.Mean, toRaw.Scale, buffers.RawWeights, out intercept);
        }
        else
        {
            buffers.Parameters.AsSpan(0, cols).CopyTo(buffers.RawWeights);
        }

        var started = Stopwatch.GetTimestamp();
        Array.Clear(buffers.RawGradient);
        var loss = request.Model == ModelKind.LogisticRegression ? LossKind.Logistic : LossKind.SquaredError;
        var sums = request.BatchRows > 0 && request.BatchRows < rows.Rows
            ? GradientKernel.AccumulateRows(loss, rows.Features, rows.Labels,
                Batches(request, rows.Rows).RowsForRound(request.BatchRows, request.Round),
                buffers.RawWeights, intercept, buffers.RawGradient)
            : GradientKernel.Accumulate(loss, rows.Features, rows.Labels, buffers.RawWeights, intercept, buffers.RawGradient);
        var computeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (standardization is { } toSolver)
        {
            Standardization.ToSolverGradient(buffers.RawGradient, sums.InterceptGradient, toSolver.Mean, toSolver.Scale, buffers.SolverGradient.AsSpan(0, cols));
        }
        else
        {
            buffers.RawGradient.CopyTo(buffers.SolverGradient, 0);
        }

        if (request.FitIntercept)
        {
            buffers.SolverGradient[cols] = sums.InterceptGradient;
        }

        await PushAsync(request, layout, buffers.SolverGradient, sums.Rows);
        return new ShardRoundResult { LossSum = sums.Loss, Rows = sums.Rows, ComputeMilliseconds = computeMs };
    }

    private async Task PullAsync(ShardRoundRequest request, BlockLayout layout, double[] parameters)
    {
        var pulls = new Task<PackedVector>[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            pulls[b] = Block(request.Job, b).PullAsync(request.Round);
        }

        await Task.WhenAll(pulls);
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            var slice = DenseBuffers.AsDoubles(pulls[b].Result.Bytes);
            if (slice.Length != length)
            {
                throw new InvalidOperationException($"Shard {Key}: block {b} of job {request.Job} returned {slice.Length} weights, expected {length}.");
            }

            slice.CopyTo(parameters.AsSpan(start, length));
        }
    }

    private Task PushAsync(ShardRoundRequest request, BlockLayout layout, double[] gradient, long rows)
    {
        var pushes = new Task[layout.Blocks];
        for (var b = 0; b < layout.Blocks; b++)
        {
            var (start, length) = layout.Range(b);
            var slice = new PackedVector { Bytes = DenseBuffers.ToBytes(gradient.AsSpan(start, length)) };
            pushes[b] = Block(request.Job, b).PushAsync(request.Round, request.ShardIndex, slice, rows);
        }

        return Task.WhenAll(pushes);
    }

    private MiniBatchCursor Batches(ShardRoundRequest request, int rows)
    {
        if (_batches is null || !_batches.Matches(request.Seed, request.ShardIndex, rows))
        {
            _batches = new MiniBatchCursor(request.Seed, request.ShardIndex, rows);
        }

        return _batches;
    }

    private IWeightBlockGrain Block(string job, int index) => GrainFactory.GetGrain<IWeightBlockGrain>(GrainKeys.Child(job, index));

    private async Task<ShardRows> LoadRowsAsync()
    {
        var s = state.State;
        if (s.ChunkRows.Count == 0)
        {
            throw new InvalidOperationException($"Shard {Key} holds no rows.");
        }

        var started = Stopwatch.GetTimestamp();
        var totalRows = s.Rows;
        if (totalRows * s.Columns > Array.MaxLength)
        {
            throw new InvalidOperationException($"Shard {Key}: {totalRows} x {s.Columns} values exceed one array; use more shards.");
        }

        var features = new float[totalRows * s.Columns];
        var labels = new double[totalRows];
        var db = redis.GetDatabase();
        var values = await Task.WhenAll(Enumerable.Range(0, s.ChunkRows.Count).Select(c => db.StringGetAsync(keys.ShardChunk(Key, c))));
        long offset = 0;
        for (var c = 0; c < values.Length; c++)
        {
            ReadOnlyMemory<byte> bytes = values[c].IsNull ? ReadOnlyMemory<byte>.Empty : (ReadOnlyMemory<byte>)values[c];
            ChunkCodec.DecodeInto(bytes.Span, $"shard {Key}, chunk {c}", s.ChunkChecksums[c], s.ChunkRows[c], s.Columns, features, labels, offset);
            offset += s.ChunkRows[c];
        }

        LogLoaded(Key, totalRows, s.ChunkRows.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ShardRows(features, labels, s.Columns);
    }

    private async Task<(double[] Mean, double[] Scale)> LoadStandardizationAsync()
    {
        var (dataset, _) = GrainKeys.Parse(Key);
        var info = await GrainFactory.GetGrain<IDatasetGrain>(dataset).GetInfoAsync();
        var stats = info.Statistics ?? throw new InvalidOperationException($"Dataset \"{dataset}\" has no statistics yet; it is still ingesting.");
        return (DenseBuffers.AsDoubles(stats.FeatureMean.Bytes).ToArray(),
                Standardization.SafeScale(DenseBuffers.AsDoubles(stats.FeatureStandardDeviation.Bytes)));
    }

    private async Task DeleteChunksAsync()
    {
        var count = state.State.ChunkRows.Count;
        if (count > 0)
        {
            await redis.GetDatabase().KeyDeleteAsync(Enumerable.Range(0, count).Select(c => keys.ShardChunk(Key, c)).ToArray());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {Shard}: loaded {Rows} rows from {Chunks} chunks in {Milliseconds:F1} ms")]
    private partial void LogLoaded(string shard, long rows, int chunks, double milliseconds);
}
