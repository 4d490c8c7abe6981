using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// The bookkeeping of one weight block, without Orleans: its committed state, the contributions pushed for the round in
/// progress (and, under SSP, for later rounds), and the rules of the round protocol — a block answers pulls for its
/// committed version only (and for the one before, to a redone round), ignores replayed pushes, refuses a commit that
/// lacks a shard, sums contributions in shard-index order, and answers a replayed commit with its stored result.
/// Every change is decided here as a <see cref="BlockTransition"/> or a next state; the grain persists it (see
/// <see cref="BlockRecords"/>) and hands it back through <see cref="Accept"/>, so a failed write changes nothing.
/// </summary>
internal sealed class BlockLedger(string key, WeightBlockState state)
{
    private readonly SortedDictionary<int, BlockContribution> _pending = [];
    private readonly SortedDictionary<long, SortedDictionary<int, BlockContribution>> _stalePending = [];
    private PackedVector? _published;
    private (double[] L2, double[] L1)? _scales;

    /// <summary>The committed state.</summary>
    public WeightBlockState State { get; private set; } = state;

    /// <summary>Whether contributions are held in memory (they would not travel with a migrating activation).</summary>
    public bool HoldsContributions => _pending.Count > 0 || _stalePending.Count > 0;

    /// <summary>The state of a block just set up: version 0 at the setup's initial weights, the optimizer state zero.</summary>
    /// <exception cref="ArgumentException">The setup's sizes do not agree.</exception>
    public static WeightBlockState Initial(string key, WeightBlockSetup setup)
    {
        var bytes = setup.Length * sizeof(double);
        var uniform = setup.PenaltyScale.Bytes.Length == 0 && setup.L1Scale.Bytes.Length == 0;
        if (setup.Length <= 0 || setup.InitialWeights.Bytes.Length != bytes || setup.ShardCount <= 0
            || (!uniform && (setup.PenaltyScale.Bytes.Length != bytes || setup.L1Scale.Bytes.Length != bytes)))
        {
            throw new ArgumentException($"Weight block {key}: inconsistent setup ({setup.Length} weights, {setup.ShardCount} shards).");
        }

        var arrays = BlockUpdate.StateArrays(UpdateSettingsFactory.From(setup.Spec));
        return new WeightBlockState
        {
            // The initial weights become the state's weights and are not kept twice.
            Setup = setup with { InitialWeights = PackedVector.Empty },
            Weights = setup.InitialWeights.Bytes.ToArray(),
            State1 = arrays >= 1 ? new byte[bytes] : [],
            State2 = arrays >= 2 ? new byte[bytes] : [],
        };
    }

    /// <summary>Starts over from <paramref name="initial"/>: every held contribution is dropped.</summary>
    public void Reset(WeightBlockState initial)
    {
        _pending.Clear();
        _stalePending.Clear();
        _scales = null;
        Accept(initial);
    }

    /// <summary>Makes <paramref name="next"/> the committed state (after the grain persisted it, when it had to); contributions to rounds it has committed are dropped.</summary>
    public void Accept(WeightBlockState next)
    {
        if (next.Version > State.Version)
        {
            _pending.Clear();
            foreach (var round in _stalePending.Keys.Where(r => r < next.Version).ToArray())
            {
                _stalePending.Remove(round);
            }
        }

        State = next;
        _published = null;
    }

    /// <summary>The weights round <paramref name="round"/> computes on: the committed ones, or the previous ones for a redo of the round just committed.</summary>
    public PackedVector Pull(long round)
    {
        if (IsCommittedRound(round))
        {
            return State.PreviousWeights.Length > 0
                ? new PackedVector { Bytes = State.PreviousWeights }
                : throw new InvalidOperationException($"Weight block {key}: the weights of round {round} are no longer held (version {State.Version}).");
        }

        EnsureRound(round, "pull");
        return Weights;
    }

    /// <summary>The latest weights and their version (SSP and asynchronous rounds), at least <paramref name="minimumVersion"/>.</summary>
    public (PackedVector Weights, long Version) PullLatest(long minimumVersion)
    {
        RequireSetup();
        return State.Version >= minimumVersion
            ? (Weights, State.Version)
            : throw new InvalidOperationException($"Weight block {key}: version {State.Version} is older than the {minimumVersion} asked for.");
    }

    /// <summary>The weights at <paramref name="offsets"/> (strictly increasing int32 offsets into the block) for round <paramref name="round"/>.</summary>
    public PackedVector PullKeys(long round, PackedVector offsets)
    {
        var setup = RequireSetup();
        var weights = DenseBuffers.AsDoubles(Pull(round).Bytes);
        var keys = SparseOffsets.Read(offsets, setup.Length, $"Weight block {key}: pull of round {round}");
        var values = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            values[i] = weights[keys[i]];
        }

        return new PackedVector { Bytes = DenseBuffers.ToBytes(values) };
    }

    /// <summary>Holds a shard's dense contribution to the round in progress; a push to a committed round (a replay) is ignored.</summary>
    public void Push(long round, int shardIndex, PackedVector gradientSum, double weightSum)
    {
        var setup = RequireSetup();
        if (round < State.Version)
        {
            return;
        }

        EnsureRound(round, "push");
        _pending.TryAdd(shardIndex, BlockContribution.Dense(CheckContribution(setup, shardIndex, gradientSum), weightSum));
    }

    /// <summary>Holds a shard's sparse contribution (its touched offsets only) to the round in progress; a replay is ignored.</summary>
    public void PushSparse(long round, int shardIndex, SparseSlice gradientSum, double weightSum)
    {
        var setup = RequireSetup();
        if (round < State.Version)
        {
            return;
        }

        EnsureRound(round, "push");
        var where = $"Weight block {key}: shard {shardIndex}'s push of round {round}";
        var keys = SparseOffsets.Read(gradientSum.Offsets, setup.Length, where);
        var values = DenseBuffers.AsDoubles(gradientSum.Values.Bytes);
        if (values.Length != keys.Length)
        {
            throw new ArgumentException($"{where}: {keys.Length} offsets but {values.Length} values.");
        }

        CheckShardIndex(setup, shardIndex);
        _pending.TryAdd(shardIndex, BlockContribution.Sparse(keys, values, weightSum));
    }

    /// <summary>
    /// Holds every shard's contribution to the round in progress, as a carried commit hands them over (in shard order);
    /// one already pushed is kept, as a replayed push is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">There is not one contribution per shard.</exception>
    public void Carry(long round, CarriedContributions contributions)
    {
        var setup = RequireSetup();
        if (contributions.Sums.Length != setup.ShardCount || contributions.WeightSums.Length != setup.ShardCount)
        {
            throw new ArgumentException(
                $"Weight block {key}: round {round} carried {contributions.Sums.Length} contributions and {contributions.WeightSums.Length} weight sums for {setup.ShardCount} shards.");
        }

        for (var s = 0; s < setup.ShardCount; s++)
        {
            Push(round, s, contributions.Sums[s], contributions.WeightSums[s]);
        }
    }

    /// <summary>
    /// A push of an SSP or asynchronous round: asynchronously every push is applied at once; under SSP a round is applied
    /// once all its contributions are in, in round order. Returns the next state, or null when nothing is applied yet.
    /// </summary>
    public WeightBlockState? PushStale(long round, int shardIndex, PackedVector gradientSum, double weightSum, ConsistencyMode mode)
    {
        var setup = RequireSetup();
        var sums = CheckContribution(setup, shardIndex, gradientSum);
        var committed = State;
        if (mode == ConsistencyMode.Async)
        {
            var (stepped, result) = BlockSteps.Step(committed, round, sums.ToArray(), weightSum, Scales());
            return stepped with { Version = committed.Version + 1, LastCommit = result };
        }

        if (round < committed.Version)
        {
            return null;
        }

        if (!_stalePending.TryGetValue(round, out var contributions))
        {
            _stalePending[round] = contributions = [];
        }

        contributions.TryAdd(shardIndex, BlockContribution.Dense(sums, weightSum));
        var next = committed;
        while (_stalePending.TryGetValue(next.Version, out var complete) && complete.Count == setup.ShardCount)
        {
            var (sum, total) = BlockContribution.SumInShardOrder(setup.Length, complete.Values);
            var (stepped, result) = BlockSteps.Step(next, next.Version, sum, total, Scales());
            next = stepped with { LastCommit = result, PreviousWeights = committed.Weights, Version = next.Version + 1 };
        }

        return next.Version == committed.Version ? null : next;
    }

    /// <summary>The stored result when <paramref name="round"/> was the last commit, in the same mode: a replay after a lost reply.</summary>
    public BlockCommitResult? Replay(long round, BlockCommitMode mode) =>
        round == State.Version - 1 && State.LastCommit is { } replay && State.LastMode == mode ? replay : null;

    /// <summary>Commits round <paramref name="round"/> from every shard's contribution, summed in shard order.</summary>
    /// <exception cref="InvalidOperationException">The round is not the block's, or a shard's contribution is missing.</exception>
    public BlockTransition Commit(long round, BlockCommitMode mode)
    {
        var setup = RequireSetup();
        EnsureRound(round, "commit");
        if (_pending.Count != setup.ShardCount)
        {
            var missing = Enumerable.Range(0, setup.ShardCount).Where(s => !_pending.ContainsKey(s));
            throw new InvalidOperationException($"Weight block {key}: round {round} lacks contributions from shards {string.Join(", ", missing)}.");
        }

        var (sum, weightSum) = BlockContribution.SumInShardOrder(setup.Length, _pending.Values);
        var committed = State;
        var (next, result) = mode switch
        {
            BlockCommitMode.Step => BlockSteps.Step(committed, round, sum, weightSum, Scales()),
            // The weights are the trainer's point, unchanged: nothing here that the trainer could not set again.
            BlockCommitMode.Aggregate => (committed, new BlockCommitResult { GradientSum = new PackedVector { Bytes = DenseBuffers.ToBytes(sum) } }),
            BlockCommitMode.Average => BlockSteps.Average(committed, sum, weightSum),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), $"Unknown commit mode {mode}."),
        };
        result = result with { WeightSum = weightSum, Version = round + 1 };
        next = next with { PreviousWeights = committed.Weights, Version = round + 1, LastMode = mode, LastCommit = result };
        return new BlockTransition(next, result, Durable: mode != BlockCommitMode.Aggregate);
    }

    /// <summary>A block-coordinate-descent step: the block's sub-problem solved; a replay returns the stored change.</summary>
    public BlockTransition SolveCoordinates(long round, BlockSubproblem problem)
    {
        RequireSetup();
        var committed = State;
        if (committed.Version == round + 1 && committed.LastMode == BlockCommitMode.CoordinateDescent && committed.LastCommit is { } replay)
        {
            return new BlockTransition(committed, replay, Durable: false);
        }

        if (committed.Version > round)
        {
            throw new InvalidOperationException($"Weight block {key}: coordinate step {round} comes after version {committed.Version}.");
        }

        var (next, result) = BlockSteps.SolveCoordinates(committed, problem, Scales());
        result = result with { Version = round + 1 };
        next = next with { PreviousWeights = committed.Weights, Version = round + 1, LastMode = BlockCommitMode.CoordinateDescent, LastCommit = result };
        return new BlockTransition(next, result, Durable: true);
    }

    /// <summary>
    /// The state with the weights a trainer-side solver sets as version <paramref name="round"/>; null when they are
    /// already the committed round's, or already this round's with pushes held for them (a redone round: they stay).
    /// </summary>
    public WeightBlockState? SetWeights(long round, PackedVector weights)
    {
        var setup = RequireSetup();
        if (weights.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {key}: {weights.Bytes.Length / sizeof(double)} weights sent, the block holds {setup.Length}.");
        }

        if (IsCommittedRound(round) && weights.Bytes.AsSpan().SequenceEqual(State.PreviousWeights))
        {
            return null;
        }

        // A round that failed after some shards pushed (one shard's silo died) is redone from the same point: the
        // pushes already held were computed at these weights, and the redo's repeated pushes are ignored. Only then:
        // with nothing pending the state is returned even for the same weights, so that a durable set (a job's final
        // weights, which often equal the last point evaluated) is written.
        if (round == State.Version && _pending.Count > 0 && weights.Bytes.AsSpan().SequenceEqual(State.Weights))
        {
            return null;
        }

        if (round < State.Version || _pending.Count > 0)
        {
            throw new InvalidOperationException($"Weight block {key}: cannot set the weights of round {round} at version {State.Version} with {_pending.Count} contributions pending.");
        }

        return State with { Weights = weights.Bytes.ToArray(), Version = round };
    }

    /// <summary>The state with the job's changed spec (a new learning rate); null when it is unchanged.</summary>
    public WeightBlockState? WithSpec(JobSpec spec)
    {
        var setup = RequireSetup();
        if (spec.Name != setup.Spec.Name)
        {
            throw new ArgumentException($"Weight block {key}: the spec of job \"{spec.Name}\" is not its job's.");
        }

        return spec == setup.Spec ? null : State with { Setup = setup with { Spec = spec } };
    }

    /// <summary>The committed state as the trainer and the admin console see it.</summary>
    public WeightBlockSnapshot Snapshot() => new()
    {
        Key = key,
        Start = State.Setup?.Start ?? 0,
        Weights = new PackedVector { Bytes = State.Weights },
        Version = State.Version,
        PendingContributions = _pending.Count,
    };

    /// <summary>The committed weights (float64), what a pull of the committed version returns.</summary>
    public PackedVector Weights => _published ??= new PackedVector { Bytes = State.Weights };

    private (double[] L2, double[] L1) Scales() => _scales ??= BlockPenaltyScales.Of(RequireSetup());

    /// <summary>The pushed sums, checked, as a view of their bytes: whatever keeps them copies them once.</summary>
    private ReadOnlySpan<double> CheckContribution(WeightBlockSetup setup, int shardIndex, PackedVector gradientSum)
    {
        CheckShardIndex(setup, shardIndex);
        if (gradientSum.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {key}: shard {shardIndex} pushed {gradientSum.Bytes.Length / sizeof(double)} values, expected {setup.Length}.");
        }

        return DenseBuffers.AsDoubles(gradientSum.Bytes);
    }

    private void CheckShardIndex(WeightBlockSetup setup, int shardIndex)
    {
        if (shardIndex < 0 || shardIndex >= setup.ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shardIndex), $"Weight block {key}: shard index {shardIndex} is outside 0..{setup.ShardCount - 1}.");
        }
    }

    /// <summary>Whether the committed state is past <paramref name="round"/> by more than the one round a redo can go back.</summary>
    public bool IsPast(long round) => round < State.Version - 1;

    /// <summary>Whether <paramref name="round"/> is the round this block committed last (a redo after a trainer crash).</summary>
    private bool IsCommittedRound(long round) => round == State.Version - 1 && State.LastCommit is not null;

    private WeightBlockSetup RequireSetup() =>
        State.Setup ?? throw new InvalidOperationException($"Weight block {key} has not been set up by its trainer.");

    private void EnsureRound(long round, string action)
    {
        RequireSetup();
        if (round != State.Version)
        {
            throw new InvalidOperationException($"Weight block {key}: cannot {action} round {round}; the committed version is {State.Version}.");
        }
    }
}
