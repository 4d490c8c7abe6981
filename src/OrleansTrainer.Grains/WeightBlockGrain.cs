using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// A contiguous slice of a job's parameters. Shards pull its weights and push sums for a round; at commit the block
/// sums the contributions in shard-index order and, by mode, applies the update rule, returns the sum to the trainer, or
/// averages the shards' model changes. The rules live in <see cref="BlockLedger"/>; this grain persists what the ledger
/// decides — each version to the even or the odd of two records (<see cref="BlockRecords"/>), so a commit writes the new
/// weights only and the other record keeps the previous ones. The points a trainer-side solver evaluates stay in
/// memory: the trainer persists them itself, and a block that lost them is set again when the trainer redoes the round.
/// </summary>
public sealed partial class WeightBlockGrain(
    [PersistentState("block", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> evenRecord,
    [PersistentState("block-odd", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> oddRecord,
    ReplicaAcknowledgement replicas,
    ILogger<WeightBlockGrain> logger) : Grain, IWeightBlockGrain
{
    private BlockLedger _ledger = null!;
    private WeightBlockState? _persisted;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new BlockLedger(Key, ReadCurrent());
        if (_ledger.State.Setup is not null)
        {
            LogRecovered(Key, _ledger.State.Version);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(WeightBlockSetup setup)
    {
        var initial = BlockLedger.Initial(Key, setup);
        if (oddRecord.RecordExists)
        {
            // A later version of an earlier setup must not outrank version 0 when the block is next activated.
            await oddRecord.ClearStateAsync();
        }

        evenRecord.State = initial;
        await evenRecord.WriteStateAsync();
        _persisted = initial;
        _ledger.Reset(initial);
    }

    /// <inheritdoc />
    public Task<PackedVector> PullAsync(long round) => Task.FromResult(_ledger.Pull(round));

    /// <inheritdoc />
    public Task<(PackedVector Weights, long Version)> PullLatestAsync(long minimumVersion) => Task.FromResult(_ledger.PullLatest(minimumVersion));

    /// <inheritdoc />
    public Task<PackedVector> PullKeysAsync(long round, PackedVector offsets) => Task.FromResult(_ledger.PullKeys(round, offsets));

    /// <inheritdoc />
    public Task PushAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum)
    {
        _ledger.Push(round, shardIndex, gradientSum, weightSum);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PushSparseAsync(long round, int shardIndex, SparseSlice gradientSum, double weightSum)
    {
        _ledger.PushSparse(round, shardIndex, gradientSum, weightSum);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> PushStaleAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum, ConsistencyMode mode)
    {
        if (_ledger.PushStale(round, shardIndex, gradientSum, weightSum, mode) is { } next)
        {
            await WriteAtomicallyAsync(next);
        }

        return _ledger.State.Version;
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> CommitAsync(long round, BlockCommitMode mode)
    {
        if (_ledger.Replay(round, mode) is { } replay)
        {
            LogReplayedCommit(Key, round, mode);
            return replay;
        }

        return await ApplyAsync(_ledger.Commit(round, mode));
    }

    /// <inheritdoc />
    public Task<BlockCommitResult> SolveCoordinatesAsync(long round, BlockSubproblem problem) => ApplyAsync(_ledger.SolveCoordinates(round, problem));

    /// <inheritdoc />
    public Task MoveToAsync(SiloAddress silo)
    {
        // Contributions held in memory would not travel; a block with some stays until a later request finds it empty.
        if (!_ledger.HoldsContributions)
        {
            LogMoving(Key, _ledger.State.Version, silo);
            Relocation.MoveTo(this, silo);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(long round, PackedVector weights, bool durable)
    {
        if (_ledger.SetWeights(round, weights) is not { } next)
        {
            return;
        }

        if (durable)
        {
            await WriteAtomicallyAsync(next);
        }
        else
        {
            _ledger.Accept(next);
        }
    }

    /// <inheritdoc />
    public Task<WeightBlockSnapshot> GetSnapshotAsync() => Task.FromResult(_ledger.Snapshot());

    /// <inheritdoc />
    public async Task UpdateSpecAsync(JobSpec spec)
    {
        if (_ledger.WithSpec(spec) is { } next)
        {
            await WriteAtomicallyAsync(next);
        }
    }

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        foreach (var record in new[] { evenRecord, oddRecord }.Where(r => r.RecordExists))
        {
            await record.ClearStateAsync();
        }

        var empty = new WeightBlockState();
        _persisted = empty;
        _ledger.Reset(empty);
        LogCleared(Key);
        DeactivateOnIdle();
    }

    private async Task<BlockCommitResult> ApplyAsync(BlockTransition transition)
    {
        if (ReferenceEquals(transition.Next, _ledger.State))
        {
            LogReplayedCommit(Key, transition.Result.Version - 1, transition.Next.LastMode);
            return transition.Result;
        }

        if (transition.Durable)
        {
            await WriteAtomicallyAsync(transition.Next);
        }
        else
        {
            _ledger.Accept(transition.Next);
        }

        return transition.Result;
    }

    /// <summary>
    /// Persists <paramref name="next"/> to its record, then makes it the ledger's state; if the write fails the ledger
    /// keeps the state Redis has (docs/faults.md). A write refused for a stale ETag means an earlier write landed
    /// although its reply was lost (or, after a Redis failover, that an acknowledged one was lost); the records are then
    /// re-read. With <see cref="TrainerOptions.ReplicaAcks"/> the commit also waits for the replicas, and fails (memory
    /// keeping what the master holds) when they fall short.
    /// </summary>
    private async Task WriteAtomicallyAsync(WeightBlockState next)
    {
        var current = _ledger.State;
        var record = BlockRecords.IsOdd(next.Version) ? oddRecord : evenRecord;
        var before = record.State;
        record.State = BlockRecords.ToWrite(current, next, ReferenceEquals(_persisted, current));
        try
        {
            await record.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await evenRecord.ReadStateAsync();
            await oddRecord.ReadStateAsync();
            _ledger.Accept(ReadCurrent());
            throw;
        }
        catch
        {
            record.State = before;
            throw;
        }

        _persisted = next;
        _ledger.Accept(next);
        await replicas.WaitAsync();
    }

    private WeightBlockState ReadCurrent() => _persisted = BlockRecords.Current(evenRecord.State, oddRecord.State);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: recovered version {Version} from storage")]
    private partial void LogRecovered(string block, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: round {Round} ({Mode}) was already committed; replaying its result")]
    private partial void LogReplayedCommit(string block, long round, BlockCommitMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: cleared; its state is deleted from storage")]
    private partial void LogCleared(string block);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: migrating at version {Version} to silo {Silo} once idle")]
    private partial void LogMoving(string block, long version, SiloAddress silo);
}
