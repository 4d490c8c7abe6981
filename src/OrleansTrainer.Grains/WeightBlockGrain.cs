using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A contiguous slice of a job's parameters. Shards pull its weights and push sums for a round; at commit the block
/// sums the contributions in shard-index order (so the result never depends on arrival order) and, by mode, applies
/// the update rule, returns the sum to the trainer, or averages the shards' model changes — then persists the new
/// version in one state write, to the even or the odd of two records by version, so that a commit writes the new
/// weights only and the other record keeps the previous ones. The points a trainer-side solver evaluates (set, summed, returned) stay in memory: the
/// trainer persists them itself, and a block that lost them is set again when the trainer redoes the round.
/// </summary>
public sealed partial class WeightBlockGrain(
    [PersistentState("block", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> evenSlot,
    [PersistentState("block-odd", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> oddSlot,
    ILogger<WeightBlockGrain> logger) : Grain, IWeightBlockGrain
{
    private readonly SortedDictionary<int, (double[] Sums, double WeightSum)> _pending = [];
    private WeightBlockState _state = new();
    private WeightBlockState? _persisted;
    private readonly SortedDictionary<long, SortedDictionary<int, (double[] Sums, double WeightSum)>> _stalePending = [];
    private PackedVector? _published;
    private (double[] L2, double[] L1)? _scales;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task InitializeAsync(WeightBlockSetup setup)
    {
        var bytes = setup.Length * sizeof(double);
        var uniform = setup.PenaltyScale.Bytes.Length == 0 && setup.L1Scale.Bytes.Length == 0;
        if (setup.Length <= 0 || setup.InitialWeights.Bytes.Length != bytes || setup.ShardCount <= 0
            || (!uniform && (setup.PenaltyScale.Bytes.Length != bytes || setup.L1Scale.Bytes.Length != bytes)))
        {
            throw new ArgumentException($"Weight block {Key}: inconsistent setup ({setup.Length} weights, {setup.ShardCount} shards).");
        }

        var arrays = BlockUpdate.StateArrays(UpdateSettingsFactory.From(setup.Spec));
        var initial = new WeightBlockState
        {
            Setup = WithoutInitialWeights(setup),
            Weights = setup.InitialWeights.Bytes.ToArray(),
            State1 = arrays >= 1 ? new byte[bytes] : [],
            State2 = arrays >= 2 ? new byte[bytes] : [],
        };
        _pending.Clear();
        _published = null;
        _scales = null;
        if (oddSlot.RecordExists)
        {
            // A later version of an earlier setup must not outrank version 0 when the block is next activated.
            await oddSlot.ClearStateAsync();
        }

        evenSlot.State = initial;
        await evenSlot.WriteStateAsync();
        (_state, _persisted) = (initial, initial);
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ChooseCurrentSlot();
        if (_state.Setup is not null)
        {
            LogRecovered(Key, _state.Version);
        }

        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<PackedVector> PullAsync(long round)
    {
        if (IsCommittedRound(round))
        {
            if (_state.PreviousWeights.Length == 0)
            {
                throw new InvalidOperationException($"Weight block {Key}: the weights of round {round} are no longer held (version {_state.Version}).");
            }

            return Task.FromResult(new PackedVector { Bytes = _state.PreviousWeights.ToArray() });
        }

        EnsureRound(round, "pull");
        return Task.FromResult(_published ??= new PackedVector { Bytes = _state.Weights.ToArray() });
    }

    /// <inheritdoc />
    public Task<(PackedVector Weights, long Version)> PullLatestAsync(long minimumVersion)
    {
        RequireSetup();
        if (_state.Version < minimumVersion)
        {
            throw new InvalidOperationException($"Weight block {Key}: version {_state.Version} is older than the {minimumVersion} asked for.");
        }

        return Task.FromResult((_published ??= new PackedVector { Bytes = _state.Weights.ToArray() }, _state.Version));
    }

    /// <inheritdoc />
    public async Task<long> PushStaleAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum, ConsistencyMode mode)
    {
        var setup = RequireSetup();
        var sums = CheckContribution(setup, shardIndex, gradientSum);
        var committed = _state;
        var next = Copy(committed);
        if (mode == ConsistencyMode.Async)
        {
            var step = Step(setup, round, next, sums, weightSum);
            next.Version++;
            next.LastCommit = step;
        }
        else
        {
            if (round < committed.Version)
            {
                return committed.Version;
            }

            if (!_stalePending.TryGetValue(round, out var contributions))
            {
                _stalePending[round] = contributions = [];
            }

            contributions.TryAdd(shardIndex, (sums, weightSum));
            while (_stalePending.TryGetValue(next.Version, out var complete) && complete.Count == setup.ShardCount)
            {
                var (sum, total) = SumInShardOrder(setup, complete);
                next.LastCommit = Step(setup, next.Version, next, sum, total);
                next.PreviousWeights = committed.Weights;
                _stalePending.Remove(next.Version);
                next.Version++;
            }

            if (next.Version == committed.Version)
            {
                return committed.Version;
            }
        }

        await WriteAtomicallyAsync(committed, next);
        _published = null;
        return next.Version;
    }

    /// <inheritdoc />
    public Task PushAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum)
    {
        var setup = RequireSetup();
        if (round < _state.Version)
        {
            return Task.CompletedTask;
        }

        EnsureRound(round, "push");
        _pending.TryAdd(shardIndex, (CheckContribution(setup, shardIndex, gradientSum), weightSum));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PackedVector> PullKeysAsync(long round, PackedVector offsets)
    {
        var setup = RequireSetup();
        var weights = DenseBuffers.AsDoubles((await PullAsync(round)).Bytes);
        var keys = SparseOffsets.Read(offsets, setup.Length, $"Weight block {Key}: pull of round {round}");
        var values = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = weights[keys[i]];
        }

        return new PackedVector { Bytes = DenseBuffers.ToBytes(values) };
    }

    /// <inheritdoc />
    public Task PushSparseAsync(long round, int shardIndex, SparseSlice gradientSum, double weightSum)
    {
        var setup = RequireSetup();
        if (round < _state.Version)
        {
            return Task.CompletedTask;
        }

        EnsureRound(round, "push");
        var where = $"Weight block {Key}: shard {shardIndex}'s push of round {round}";
        var keys = SparseOffsets.Read(gradientSum.Offsets, setup.Length, where);
        var values = DenseBuffers.AsDoubles(gradientSum.Values.Bytes);
        if (values.Length != keys.Length)
        {
            throw new ArgumentException($"{where}: {keys.Length} offsets but {values.Length} values.");
        }

        CheckShardIndex(setup, shardIndex);
        var sums = new double[setup.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sums[keys[i]] = values[i];
        }

        _pending.TryAdd(shardIndex, (sums, weightSum));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> CommitAsync(long round, BlockCommitMode mode)
    {
        var setup = RequireSetup();
        if (round == _state.Version - 1 && _state.LastCommit is { } replay && _state.LastMode == mode)
        {
            LogReplayedCommit(Key, round, mode);
            return replay;
        }

        EnsureRound(round, "commit");
        if (_pending.Count != setup.ShardCount)
        {
            var missing = Enumerable.Range(0, setup.ShardCount).Where(s => !_pending.ContainsKey(s));
            throw new InvalidOperationException($"Weight block {Key}: round {round} lacks contributions from shards {string.Join(", ", missing)}.");
        }

        var (sum, weightSum) = SumInShardOrder(setup, _pending);
        var committed = _state;
        var next = Copy(committed);
        next.PreviousWeights = committed.Weights;
        next.Version = round + 1;
        next.LastMode = mode;
        var result = mode switch
        {
            BlockCommitMode.Step => Step(setup, round, next, sum, weightSum),
            BlockCommitMode.Aggregate => new BlockCommitResult { GradientSum = new PackedVector { Bytes = DenseBuffers.ToBytes(sum) } },
            BlockCommitMode.Average => Average(next, sum, weightSum),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), $"Unknown commit mode {mode}."),
        };
        next.LastCommit = new BlockCommitResult
        {
            GradientNormSquared = result.GradientNormSquared,
            Penalty = result.Penalty,
            GradientSum = result.GradientSum,
            WeightSum = weightSum,
            Version = round + 1,
        };
        if (mode == BlockCommitMode.Aggregate)
        {
            // The weights are the trainer's point, unchanged: nothing here that the trainer could not set again.
            _state = next;
        }
        else
        {
            await WriteAtomicallyAsync(committed, next);
        }

        _pending.Clear();
        _published = null;
        return next.LastCommit;
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> SolveCoordinatesAsync(long round, BlockSubproblem problem)
    {
        var setup = RequireSetup();
        var committed = _state;
        if (committed.Version == round + 1 && committed.LastMode == BlockCommitMode.CoordinateDescent && committed.LastCommit is { } replay)
        {
            LogReplayedCommit(Key, round, BlockCommitMode.CoordinateDescent);
            return replay;
        }

        if (committed.Version > round)
        {
            throw new InvalidOperationException($"Weight block {Key}: coordinate step {round} comes after version {committed.Version}.");
        }

        var (l2Scale, l1Scale) = _scales ??= BlockPenaltyScales.Of(setup);
        var step = BlockCoordinateSolver.Solve(DenseBuffers.AsDoubles(problem.Gram.Bytes), DenseBuffers.AsDoubles(problem.Correlation.Bytes), problem.WeightSum,
            DenseBuffers.AsDoubles(committed.Weights), setup.Spec.L2, setup.Spec.L1, l2Scale, l1Scale);
        var next = Copy(committed);
        next.PreviousWeights = committed.Weights;
        var weights = Doubles(next.Weights);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] += step.Delta[i];
        }

        next.Version = round + 1;
        next.LastMode = BlockCommitMode.CoordinateDescent;
        next.LastCommit = new BlockCommitResult
        {
            GradientNormSquared = step.ViolationSquared,
            Penalty = step.PenaltyBefore,
            GradientSum = new PackedVector { Bytes = DenseBuffers.ToBytes(step.Delta) },
            WeightSum = problem.WeightSum,
            Version = round + 1,
        };
        await WriteAtomicallyAsync(committed, next);
        _published = null;
        return next.LastCommit;
    }

    /// <inheritdoc />
    public Task MoveToAsync(SiloAddress silo)
    {
        // Contributions held in memory would not travel; a block with some stays until a later request finds it empty.
        if (_pending.Count == 0 && _stalePending.Count == 0)
        {
            LogMoving(Key, _state.Version, silo);
            Relocation.MoveTo(this, silo);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(long round, PackedVector weights, bool durable)
    {
        var setup = RequireSetup();
        if (weights.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {Key}: {weights.Bytes.Length / sizeof(double)} weights sent, the block holds {setup.Length}.");
        }

        if (IsCommittedRound(round) && weights.Bytes.AsSpan().SequenceEqual(_state.PreviousWeights))
        {
            return;
        }

        if (round < _state.Version || _pending.Count > 0)
        {
            throw new InvalidOperationException($"Weight block {Key}: cannot set the weights of round {round} at version {_state.Version} with {_pending.Count} contributions pending.");
        }

        var current = _state;
        var next = new WeightBlockState
        {
            Setup = current.Setup,
            Weights = weights.Bytes.ToArray(),
            State1 = current.State1,
            State2 = current.State2,
            Steps = current.Steps,
            PreviousWeights = current.PreviousWeights,
            Version = round,
            LastCommit = current.LastCommit,
            LastMode = current.LastMode,
        };
        if (durable)
        {
            await WriteAtomicallyAsync(current, next);
        }
        else
        {
            _state = next;
        }

        _published = null;
    }

    /// <inheritdoc />
    public Task<WeightBlockSnapshot> GetSnapshotAsync() => Task.FromResult(new WeightBlockSnapshot
    {
        Key = Key,
        Start = _state.Setup?.Start ?? 0,
        Weights = new PackedVector { Bytes = _state.Weights.ToArray() },
        Version = _state.Version,
        PendingContributions = _pending.Count,
    });

    /// <inheritdoc />
    public async Task UpdateSpecAsync(JobSpec spec)
    {
        var setup = RequireSetup();
        if (spec.Name != setup.Spec.Name)
        {
            throw new ArgumentException($"Weight block {Key}: the spec of job \"{spec.Name}\" is not its job's.");
        }

        if (spec != setup.Spec)
        {
            var next = Copy(_state);
            next.Setup = new WeightBlockSetup
            {
                Start = setup.Start,
                Length = setup.Length,
                InitialWeights = setup.InitialWeights,
                PenaltyScale = setup.PenaltyScale,
                L1Scale = setup.L1Scale,
                ShardCount = setup.ShardCount,
                Spec = spec,
            };
            await WriteAtomicallyAsync(_state, next);
        }
    }

    private double[] CheckContribution(WeightBlockSetup setup, int shardIndex, PackedVector gradientSum)
    {
        CheckShardIndex(setup, shardIndex);

        if (gradientSum.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {Key}: shard {shardIndex} pushed {gradientSum.Bytes.Length / sizeof(double)} values, expected {setup.Length}.");
        }

        return DenseBuffers.AsDoubles(gradientSum.Bytes).ToArray();
    }

    private void CheckShardIndex(WeightBlockSetup setup, int shardIndex)
    {
        if (shardIndex < 0 || shardIndex >= setup.ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shardIndex), $"Weight block {Key}: shard index {shardIndex} is outside 0..{setup.ShardCount - 1}.");
        }
    }

    /// <summary>The contributions summed in shard-index order: the order that makes every result independent of arrival order.</summary>
    private static (double[] Sum, double WeightSum) SumInShardOrder(WeightBlockSetup setup, SortedDictionary<int, (double[] Sums, double WeightSum)> contributions)
    {
        var sum = new double[setup.Length];
        double weightSum = 0;
        foreach (var (_, contribution) in contributions)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += contribution.Sums[i];
            }

            weightSum += contribution.WeightSum;
        }

        return (sum, weightSum);
    }

    /// <summary>The setup as persisted: the initial weights become the state's weights and are not kept twice.</summary>
    private static WeightBlockSetup WithoutInitialWeights(WeightBlockSetup setup) => new()
    {
        Start = setup.Start,
        Length = setup.Length,
        PenaltyScale = setup.PenaltyScale,
        L1Scale = setup.L1Scale,
        ShardCount = setup.ShardCount,
        Spec = setup.Spec,
        InterceptStart = setup.InterceptStart,
    };

    /// <summary>A copy of the state whose arrays an update may change without touching the committed ones.</summary>
    private static WeightBlockState Copy(WeightBlockState committed) => new()
    {
        Setup = committed.Setup,
        Weights = committed.Weights.ToArray(),
        State1 = committed.State1.ToArray(),
        State2 = committed.State2.ToArray(),
        Steps = committed.Steps,
        PreviousWeights = committed.PreviousWeights,
        Version = committed.Version,
        LastCommit = committed.LastCommit,
        LastMode = committed.LastMode,
    };

    /// <summary>
    /// Makes <paramref name="next"/> the state, persisted, or leaves <paramref name="current"/> in place if the write
    /// fails: a retried round finds the block as Redis has it. Versions alternate between two records (even and odd),
    /// so a commit writes the new weights and optimizer state only: the previous version's weights — what a redone
    /// round pulls — are the other record's, and are stored again only when that record does not hold them. A write
    /// refused for a stale ETag means an earlier write landed although its reply was lost; the records are then re-read.
    /// </summary>
    private async Task WriteAtomicallyAsync(WeightBlockState current, WeightBlockState next)
    {
        var slot = SlotOf(next.Version);
        var before = slot.State;
        var previousInOtherSlot = next.Version == current.Version + 1 && ReferenceEquals(_persisted, current);
        slot.State = previousInOtherSlot ? next.WithoutPreviousWeights() : next;
        try
        {
            await slot.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await evenSlot.ReadStateAsync();
            await oddSlot.ReadStateAsync();
            ChooseCurrentSlot();
            _published = null;
            throw;
        }
        catch
        {
            slot.State = before;
            throw;
        }

        (_state, _persisted) = (next, next);
    }

    private IPersistentState<WeightBlockState> SlotOf(long version) => version % 2 == 0 ? evenSlot : oddSlot;

    /// <summary>The newer record is the state; its previous weights, when not stored with it, are the older record's weights of the version before.</summary>
    private void ChooseCurrentSlot()
    {
        var (newer, older) = oddSlot.State.Setup is not null && (evenSlot.State.Setup is null || oddSlot.State.Version > evenSlot.State.Version)
            ? (oddSlot.State, evenSlot.State)
            : (evenSlot.State, oddSlot.State);
        if (newer.PreviousWeights.Length == 0 && older.Setup is not null && older.Version == newer.Version - 1)
        {
            newer.PreviousWeights = older.Weights;
        }

        (_state, _persisted) = (newer, newer);
    }


    private BlockCommitResult Step(WeightBlockSetup setup, long round, WeightBlockState next, double[] sum, double weightSum)
    {
        var spec = setup.Spec;
        var (l2Scale, l1Scale) = _scales ??= BlockPenaltyScales.Of(setup);
        var step = BlockUpdate.Apply(UpdateSettingsFactory.From(spec), next.Steps, UpdateSettingsFactory.LearningRate(spec, round),
            Doubles(next.Weights), Doubles(next.State1), Doubles(next.State2), sum, weightSum, l2Scale, l1Scale);
        next.Steps++;
        var norm = spec.L1 > 0 ? step.ProximalGradientNormSquared : step.GradientNormSquared;
        return new BlockCommitResult { GradientNormSquared = norm, Penalty = step.PenaltyBeforeStep };
    }

    private static BlockCommitResult Average(WeightBlockState next, double[] sum, double weightSum)
    {
        var weights = Doubles(next.Weights);
        double changeSquared = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var change = sum[i] / weightSum;
            weights[i] += change;
            changeSquared += change * change;
        }

        return new BlockCommitResult { GradientNormSquared = changeSquared };
    }

    private static Span<double> Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes.AsSpan());

    /// <summary>Whether <paramref name="round"/> is the round this block committed last (a redo after a trainer crash).</summary>
    private bool IsCommittedRound(long round) => round == _state.Version - 1 && _state.LastCommit is not null;

    private WeightBlockSetup RequireSetup() =>
        _state.Setup ?? throw new InvalidOperationException($"Weight block {Key} has not been set up by its trainer.");

    private void EnsureRound(long round, string action)
    {
        RequireSetup();
        if (round != _state.Version)
        {
            throw new InvalidOperationException($"Weight block {Key}: cannot {action} round {round}; the committed version is {_state.Version}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: recovered version {Version} from storage")]
    private partial void LogRecovered(string block, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: round {Round} ({Mode}) was already committed; replaying its result")]
    private partial void LogReplayedCommit(string block, long round, BlockCommitMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weight block {Block}: migrating at version {Version} to silo {Silo} once idle")]
    private partial void LogMoving(string block, long version, SiloAddress silo);
}
