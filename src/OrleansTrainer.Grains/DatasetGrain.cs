using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>A dataset: schema, shard count, lifecycle. Ingestion is all-or-nothing: an aborted one leaves nothing behind.</summary>
public sealed partial class DatasetGrain(
    [PersistentState("dataset", TrainerStorage.ProviderName)] IPersistentState<DatasetState> state,
    ILogger<DatasetGrain> logger) : Grain, IDatasetGrain
{
    /// <summary>The most shards a dataset may have.</summary>
    public const int MaxShards = 4096;

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<string> BeginIngestAsync(DatasetSchema schema, int shardCount)
    {
        ResourceName.Validate(Name, "dataset name");
        if (shardCount is < 1 or > MaxShards)
        {
            throw new ArgumentException($"Dataset \"{Name}\": the shard count must be between 1 and {MaxShards}, not {shardCount}.");
        }

        ValidateSchema(schema);
        switch (state.State.Status)
        {
            case DatasetStatus.Ready:
                throw new InvalidOperationException($"Dataset \"{Name}\" already exists; delete it first to replace it.");
            case DatasetStatus.Ingesting:
                LogDiscardingAbandonedIngestion(Name, state.State.IngestId);
                await ClearShardsAsync(state.State.ShardCount);
                break;
        }

        await Catalog().AddAsync(Name);
        state.State = new DatasetState
        {
            Status = DatasetStatus.Ingesting,
            IngestId = Guid.NewGuid().ToString("N"),
            Schema = schema,
            ShardCount = shardCount,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await state.WriteStateAsync();
        return state.State.IngestId;
    }

    /// <inheritdoc />
    public async Task<DatasetInfo> CompleteIngestAsync(string ingestId, IngestTotals totals)
    {
        EnsureIngestion(ingestId);
        var schema = state.State.Schema;
        var sparse = schema.IsSparse;
        var cols = sparse ? totals.SparseDimension : schema.FeatureNames.Length;
        if (sparse && cols <= 0)
        {
            throw new ArgumentException($"Dataset \"{Name}\": a sparse dataset needs a dimension of at least 1, not {cols}.");
        }

        var summaries = await Task.WhenAll(Enumerable.Range(0, state.State.ShardCount).Select(i => Shard(i).GetSummaryAsync()));
        for (var i = 0; i < summaries.Length; i++)
        {
            var s = summaries[i];
            if (s.Rows > 0 && (s.IngestId != ingestId || (sparse ? s.Columns > cols : s.Columns != cols)))
            {
                throw new InvalidOperationException($"Dataset \"{Name}\": shard {i} holds rows of another ingestion or shape.");
            }

            if (s.MissingChunks > 0)
            {
                throw new InvalidOperationException($"Dataset \"{Name}\": shard {i} still misses {s.MissingChunks} of its {s.Chunks} chunks.");
            }
        }

        var rows = summaries.Select(s => s.Rows).ToArray();
        if (rows.Sum() == 0)
        {
            throw new InvalidOperationException($"Dataset \"{Name}\" has no rows.");
        }

        if (rows.Sum() != totals.Rows)
        {
            throw new InvalidOperationException($"Dataset \"{Name}\": the shards hold {rows.Sum()} rows but the reader sent {totals.Rows}.");
        }

        var shardStatistics = await Task.WhenAll(Enumerable.Range(0, rows.Length).Where(i => rows[i] > 0).Select(i => Shard(i).GetStatisticsAsync(ingestId)));
        var statistics = DatasetStatisticsMerge.Merge(shardStatistics, sparse ? 0 : cols, sparse ? cols : 0);
        var ingesting = state.State;
        state.State = ingesting with
        {
            Schema = sparse ? schema with { SparseDimension = cols } : schema,
            Status = DatasetStatus.Ready,
            ShardRows = rows,
            Statistics = statistics,
            StoredBytes = summaries.Sum(s => s.StoredBytes),
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = ingesting;
            throw;
        }

        LogIngested(Name, rows.Sum(), state.State.ShardCount);
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task AbortIngestAsync(string ingestId)
    {
        if (state.State.Status != DatasetStatus.Ingesting || state.State.IngestId != ingestId)
        {
            return;
        }

        await ClearShardsAsync(state.State.ShardCount);
        await state.ClearStateAsync();
        await Catalog().RemoveAsync(Name);
        LogAborted(Name, ingestId);
    }

    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        if (state.State.Status == DatasetStatus.None)
        {
            return;
        }

        await ClearShardsAsync(state.State.ShardCount);
        await state.ClearStateAsync();
        await Catalog().RemoveAsync(Name);
    }

    /// <inheritdoc />
    public Task<DatasetInfo> GetInfoAsync() => Task.FromResult(ToInfo());

    private DatasetInfo ToInfo() => new()
    {
        Name = Name,
        Status = state.State.Status,
        Schema = state.State.Schema,
        ShardCount = state.State.ShardCount,
        ShardRows = state.State.ShardRows,
        Statistics = state.State.Statistics,
        CreatedAt = state.State.CreatedAt,
        StoredBytes = state.State.StoredBytes,
    };

    private void EnsureIngestion(string ingestId)
    {
        if (state.State.Status != DatasetStatus.Ingesting || state.State.IngestId != ingestId)
        {
            throw new InvalidOperationException($"Dataset \"{Name}\" has no ingestion {ingestId} in progress.");
        }
    }

    private void ValidateSchema(DatasetSchema schema)
    {
        if (schema.IsSparse != (schema.FeatureNames.Length == 0))
        {
            throw new ArgumentException(schema.IsSparse
                ? $"Dataset \"{Name}\": sparse datasets have numbered features, not named columns."
                : $"Dataset \"{Name}\" has no feature columns.");
        }

        if (string.IsNullOrWhiteSpace(schema.LabelName))
        {
            throw new ArgumentException($"Dataset \"{Name}\" has no label column.");
        }

        var duplicate = schema.FeatureNames.Append(schema.LabelName).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Dataset \"{Name}\": column \"{duplicate.Key}\" appears more than once.");
        }
    }

    private Task ClearShardsAsync(int shardCount) =>
        Task.WhenAll(Enumerable.Range(0, shardCount).Select(i => Shard(i).ClearAsync()));

    private ICatalogGrain Catalog() => GrainFactory.DatasetCatalog();

    private IDataShardGrain Shard(int index) => GrainFactory.DataShard(Name, index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: discarding abandoned ingestion {IngestId}")]
    private partial void LogDiscardingAbandonedIngestion(string dataset, string ingestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: ingested {Rows} rows into {Shards} shards")]
    private partial void LogIngested(string dataset, long rows, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: ingestion {IngestId} aborted, rows deleted")]
    private partial void LogAborted(string dataset, string ingestId);
}
