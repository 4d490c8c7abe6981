using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// A dataset: schema, shard count, lifecycle. Ingestion is all-or-nothing: an aborted one leaves nothing behind, and one
/// whose lease runs out is aborted by the dataset itself (<c>DatasetGrain.Lease.cs</c>); a dataset that jobs use is
/// deleted only when forced (<c>DatasetGrain.Delete.cs</c>).
/// </summary>
public sealed partial class DatasetGrain(
    [PersistentState("dataset", TrainerStorage.ProviderName)] IPersistentState<DatasetState> state,
    IOptions<TrainerOptions> options,
    IOptions<ReminderOptions> reminders,
    ILogger<DatasetGrain> logger) : Grain, IDatasetGrain, IRemindable
{
    /// <summary>The most shards a dataset may have.</summary>
    public const int MaxShards = 4096;

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status == DatasetStatus.Ingesting)
        {
            // Renewals went to the activation that is gone: its ingester gets a whole lease to reach this one.
            HoldLease();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IngestLease> BeginIngestAsync(DatasetSchema schema, int shardCount, bool outOfOrder)
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
            case DatasetStatus.Ingesting when LeaseIsLive:
                throw new InvalidOperationException(
                    $"Dataset \"{Name}\" is already being ingested (started at {state.State.CreatedAt:yyyy-MM-dd HH:mm:ss}Z); wait for it to finish, or delete the dataset to stop it.");
            case DatasetStatus.Ingesting:
                LogDiscardingAbandonedIngestion(Name, state.State.IngestId);
                await ClearShardsAsync(state.State.ShardCount);
                break;
        }

        await Catalog().AddAsync(Name);
        var before = state.State;
        state.State = new DatasetState
        {
            Status = DatasetStatus.Ingesting,
            IngestId = Guid.NewGuid().ToString("N"),
            Schema = schema,
            ShardCount = shardCount,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }

        HoldLease();
        try
        {
            await KeepLeaseReminderAsync();
            await Task.WhenAll(Enumerable.Range(0, shardCount).Select(i => Shard(i).PrepareIngestAsync(state.State.IngestId, outOfOrder)));
        }
        catch (Exception error)
        {
            // The caller never learns the id, so nobody else will abort it: discard it now, or when its lease runs out.
            LogBeginFailed(error, Name, state.State.IngestId);
            try
            {
                await DiscardIngestionAsync();
            }
            catch (Exception discardError)
            {
                LogDiscardFailed(discardError, Name, state.State.IngestId);
            }

            throw;
        }

        return new IngestLease { IngestId = state.State.IngestId, Length = options.Value.IngestLease };
    }

    /// <inheritdoc />
    public async Task<DatasetInfo> CompleteIngestAsync(string ingestId, IngestTotals totals)
    {
        if (state.State is { Status: DatasetStatus.Ready } ready && ready.IngestId == ingestId)
        {
            return ToInfo();
        }

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

        // Row i went to shard i mod S: every shard holds rows exactly when there are at least S rows.
        IngestRules.EnsureEveryShardGetsRows(Name, rows.Sum(), rows.Length);
        var shardStatistics = await Task.WhenAll(Enumerable.Range(0, rows.Length).Select(i => Shard(i).GetStatisticsAsync(ingestId)));
        var statistics = DatasetStatisticsMerge.Merge(shardStatistics, sparse ? 0 : cols, sparse ? cols : 0);
        if (!(statistics.WeightSum > 0))
        {
            // Every loss and gradient is a weighted mean: with no weight at all, every job on it would fail.
            throw new InvalidOperationException($"Dataset \"{Name}\": every row's instance weight (column \"{schema.WeightName}\") is 0; at least one row needs a positive weight.");
        }

        var ingesting = state.State;
        state.State = ingesting with
        {
            Schema = sparse ? schema with { SparseDimension = cols } : schema,
            Status = DatasetStatus.Ready,
            ShardRows = rows,
            Statistics = statistics,
            StoredBytes = summaries.Sum(s => s.StoredBytes),
            SkippedBlankLines = totals.SkippedBlankLines,
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

        await ReleaseLeaseAsync();
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

        await DiscardIngestionAsync();
        LogAborted(Name, ingestId);
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
        SkippedBlankLines = state.State.SkippedBlankLines,
    };

    /// <summary>Deletes the ingestion in progress — every shard's rows, the dataset's state, its catalog entry — and lets its lease go.</summary>
    private async Task DiscardIngestionAsync()
    {
        await ClearShardsAsync(state.State.ShardCount);
        await state.ClearStateAsync();
        try
        {
            await Catalog().RemoveAsync(Name);
        }
        finally
        {
            // The ingestion is gone once the state is cleared: its lease timer and reminder go even if the catalog call failed.
            await ReleaseLeaseAsync();
        }
    }

    private void EnsureIngestion(string ingestId)
    {
        if (state.State.Status != DatasetStatus.Ingesting || state.State.IngestId != ingestId)
        {
            throw new InvalidOperationException(
                $"Dataset \"{Name}\" has no ingestion {ingestId} in progress: it was aborted, its lease expired, or the dataset was deleted.");
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: discarding abandoned ingestion {IngestId}, whose lease has expired")]
    private partial void LogDiscardingAbandonedIngestion(string dataset, string ingestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: beginning ingestion {IngestId} failed; discarding it")]
    private partial void LogBeginFailed(Exception exception, string dataset, string ingestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: discarding ingestion {IngestId} failed; its lease timer tries again")]
    private partial void LogDiscardFailed(Exception exception, string dataset, string ingestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: ingested {Rows} rows into {Shards} shards")]
    private partial void LogIngested(string dataset, long rows, int shards);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: ingestion {IngestId} aborted, rows deleted")]
    private partial void LogAborted(string dataset, string ingestId);
}
