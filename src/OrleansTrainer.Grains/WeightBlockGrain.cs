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
    public async Task<PackedVector> PullAsync(long round)
    {
        await CatchUpWithStorageAsync(round);
        return _ledger.Pull(round);
    }

    /// <inheritdoc />
    public Task<(PackedVector Weights, long Version)> PullLatestAsync(long minimumVersion) => Task.FromResult(_ledger.PullLatest(minimumVersion));

    /// <inheritdoc />
    public async Task<PackedVector> PullKeysAsync(long round, PackedVector offsets)
    {
        await CatchUpWithStorageAsync(round);
        return _ledger.PullKeys(round, offsets);
    }

    /// <inheritdoc />
    public async Task PushAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum)
    {
        await CatchUpWithStorageAsync(round);
        _ledger.Push(round, shardIndex, gradientSum, weightSum);
    }

    /// <inheritdoc />
    public async Task PushSparseAsync(long round, int shardIndex, SparseSlice gradientSum, double weightSum)
    {
        await CatchUpWithStorageAsync(round);
        _ledger.PushSparse(round, shardIndex, gradientSum, weightSum);
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
    public Task<BlockCommitResult> CommitAsync(long round, BlockCommitMode mode) => CommitRoundAsync(round, mode, carried: null);

    /// <inheritdoc />
    public async Task<BlockCommitResult> CommitCarriedAsync(long round, BlockCommitMode mode, CarriedContributions contributions)
    {
        var result = await CommitRoundAsync(round, mode, contributions);
        return mode == BlockCommitMode.Aggregate ? result : result with { Weights = _ledger.Weights };
    }

    /// <summary>Commits <paramref name="round"/> from the pushed contributions and the <paramref name="carried"/> ones; a replay returns the stored result.</summary>
    private async Task<BlockCommitResult> CommitRoundAsync(long round, BlockCommitMode mode, CarriedContributions? carried)
    {
        await CatchUpWithStorageAsync(round);
        if (_ledger.Replay(round, mode) is { } replay)
        {
            LogReplayedCommit(Key, round, mode);
            return replay;
        }

        if (carried is not null)
        {
            _ledger.Carry(round, carried);
        }

        return await ApplyAsync(_ledger.Commit(round, mode));
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> SolveCoordinatesAsync(long round, BlockSubproblem problem)
    {
        await CatchUpWithStorageAsync(round);
        return await ApplyAsync(_ledger.SolveCoordinates(round, problem));
    }

    /// <inheritdoc />
    public Task MoveToAsync(SiloAddress silo)
    {
        // Contributions held in memory would not travel; a block with some stays until a later request finds it empty.
        if (!_ledger.HoldsContributions && Relocation.MoveTo(this, silo))
        {
            LogMoving(Key, _ledger.State.Version, silo);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(long round, PackedVector weights, bool durable)
    {
        await CatchUpWithStorageAsync(round);
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
            await RereadRecordsAsync();
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

    /// <summary>
    /// A request naming a round this block's memory is past by more than the one round it can redo means the trainer
    /// went back to an earlier round: Redis may have lost writes this activation made (docs/faults.md, "Redis losing
    /// acknowledged writes"). The records are read again, and an older version there replaces memory. Otherwise (every
    /// other request) it completes at once: the request goes on synchronously, with nothing allocated for the check.
    /// </summary>
    private async Task CatchUpWithStorageAsync(long round)
    {
        if (_ledger.IsPast(round))
        {
            await RereadRecordsAsync();
        }
    }

    /// <summary>
    /// Reads both records again: a newer version (a write that landed although its reply was lost) is accepted; an older
    /// one (writes Redis lost, or points a trainer-side solver held in memory only) replaces memory with every held
    /// contribution, which belonged to rounds Redis no longer has.
    /// </summary>
    private async Task RereadRecordsAsync()
    {
        await evenRecord.ReadStateAsync();
        await oddRecord.ReadStateAsync();
        var stored = ReadCurrent();
        if (stored.Version < _ledger.State.Version)
        {
            LogBehindInRedis(Key, _ledger.State.Version, stored.Version);
            _ledger.Reset(stored);
        }
        else
        {
            _ledger.Accept(stored);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weight block {Block}: memory is at version {Version} but Redis holds version {Stored}; going back to Redis' version")]
    private partial void LogBehindInRedis(string block, long version, long stored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: recovered version {Version} from storage")]
    private partial void LogRecovered(string block, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: round {Round} ({Mode}) was already committed; replaying its result")]
    private partial void LogReplayedCommit(string block, long round, BlockCommitMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: cleared; its state is deleted from storage")]
    private partial void LogCleared(string block);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: migrating at version {Version} to silo {Silo} once idle")]
    private partial void LogMoving(string block, long version, SiloAddress silo);
}
