using System.Runtime.InteropServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A contiguous slice of a job's parameters. Shards pull its weights and push sums for a round; at commit the block
/// sums the contributions in shard-index order (so the result never depends on arrival order) and, by mode, applies
/// the update rule, returns the sum to the trainer, or averages the shards' model changes — then persists the new
/// version in one state write.
/// </summary>
public sealed class WeightBlockGrain(
    [PersistentState("block", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> state) : Grain, IWeightBlockGrain
{
    private readonly SortedDictionary<int, (double[] Sums, double WeightSum)> _pending = [];
    private PackedVector? _published;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task InitializeAsync(WeightBlockSetup setup)
    {
        var bytes = setup.Length * sizeof(double);
        if (setup.Length <= 0 || setup.InitialWeights.Bytes.Length != bytes || setup.PenaltyScale.Bytes.Length != bytes
            || setup.L1Scale.Bytes.Length != bytes || setup.ShardCount <= 0)
        {
            throw new ArgumentException($"Weight block {Key}: inconsistent setup ({setup.Length} weights, {setup.ShardCount} shards).");
        }

        var arrays = BlockUpdate.StateArrays(UpdateSettingsFactory.From(setup.Spec));
        state.State = new WeightBlockState
        {
            Setup = setup,
            Weights = setup.InitialWeights.Bytes.ToArray(),
            State1 = arrays >= 1 ? new byte[bytes] : [],
            State2 = arrays >= 2 ? new byte[bytes] : [],
        };
        _pending.Clear();
        _published = null;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<PackedVector> PullAsync(long round)
    {
        if (IsCommittedRound(round))
        {
            return Task.FromResult(new PackedVector { Bytes = state.State.PreviousWeights.ToArray() });
        }

        EnsureRound(round, "pull");
        return Task.FromResult(_published ??= new PackedVector { Bytes = state.State.Weights.ToArray() });
    }

    /// <inheritdoc />
    public Task PushAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum)
    {
        var setup = RequireSetup();
        if (round < state.State.Version)
        {
            return Task.CompletedTask;
        }

        EnsureRound(round, "push");
        if (shardIndex < 0 || shardIndex >= setup.ShardCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shardIndex), $"Weight block {Key}: shard index {shardIndex} is outside 0..{setup.ShardCount - 1}.");
        }

        if (gradientSum.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {Key}: shard {shardIndex} pushed {gradientSum.Bytes.Length / sizeof(double)} values, expected {setup.Length}.");
        }

        _pending.TryAdd(shardIndex, (DenseBuffers.AsDoubles(gradientSum.Bytes).ToArray(), weightSum));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> CommitAsync(long round, BlockCommitMode mode)
    {
        var setup = RequireSetup();
        if (round == state.State.Version - 1 && state.State.LastCommit is { } replay && state.State.LastMode == mode)
        {
            return replay;
        }

        EnsureRound(round, "commit");
        if (_pending.Count != setup.ShardCount)
        {
            var missing = Enumerable.Range(0, setup.ShardCount).Where(s => !_pending.ContainsKey(s));
            throw new InvalidOperationException($"Weight block {Key}: round {round} lacks contributions from shards {string.Join(", ", missing)}.");
        }

        var previous = state.State.Weights.ToArray();
        var sum = new double[setup.Length];
        double weightSum = 0;
        foreach (var (_, contribution) in _pending)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += contribution.Sums[i];
            }

            weightSum += contribution.WeightSum;
        }

        var result = mode switch
        {
            BlockCommitMode.Step => Step(setup, round, sum, weightSum),
            BlockCommitMode.Aggregate => new BlockCommitResult { GradientSum = new PackedVector { Bytes = DenseBuffers.ToBytes(sum) } },
            BlockCommitMode.Average => Average(sum, weightSum),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), $"Unknown commit mode {mode}."),
        };
        result = new BlockCommitResult
        {
            GradientNormSquared = result.GradientNormSquared,
            Penalty = result.Penalty,
            GradientSum = result.GradientSum,
            WeightSum = weightSum,
            Version = round + 1,
        };
        state.State.PreviousWeights = previous;
        state.State.Version = round + 1;
        state.State.LastCommit = result;
        state.State.LastMode = mode;
        await state.WriteStateAsync();
        _pending.Clear();
        _published = null;
        return result;
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(long round, PackedVector weights)
    {
        var setup = RequireSetup();
        if (weights.Bytes.Length != setup.Length * sizeof(double))
        {
            throw new ArgumentException($"Weight block {Key}: {weights.Bytes.Length / sizeof(double)} weights sent, the block holds {setup.Length}.");
        }

        if (IsCommittedRound(round) && weights.Bytes.AsSpan().SequenceEqual(state.State.PreviousWeights))
        {
            return;
        }

        if (round < state.State.Version || _pending.Count > 0)
        {
            throw new InvalidOperationException($"Weight block {Key}: cannot set the weights of round {round} at version {state.State.Version} with {_pending.Count} contributions pending.");
        }

        state.State.Weights = weights.Bytes.ToArray();
        state.State.Version = round;
        await state.WriteStateAsync();
        _published = null;
    }

    /// <inheritdoc />
    public Task<WeightBlockSnapshot> GetSnapshotAsync() => Task.FromResult(new WeightBlockSnapshot
    {
        Key = Key,
        Start = state.State.Setup?.Start ?? 0,
        Weights = new PackedVector { Bytes = state.State.Weights.ToArray() },
        Version = state.State.Version,
        PendingContributions = _pending.Count,
    });

    private BlockCommitResult Step(WeightBlockSetup setup, long round, double[] sum, double weightSum)
    {
        var spec = setup.Spec;
        var step = BlockUpdate.Apply(UpdateSettingsFactory.From(spec), state.State.Steps, UpdateSettingsFactory.LearningRate(spec, round),
            Doubles(state.State.Weights), Doubles(state.State.State1), Doubles(state.State.State2), sum, weightSum,
            DenseBuffers.AsDoubles(setup.PenaltyScale.Bytes), DenseBuffers.AsDoubles(setup.L1Scale.Bytes));
        state.State.Steps++;
        var norm = spec.L1 > 0 ? step.ProximalGradientNormSquared : step.GradientNormSquared;
        return new BlockCommitResult { GradientNormSquared = norm, Penalty = step.PenaltyBeforeStep };
    }

    private BlockCommitResult Average(double[] sum, double weightSum)
    {
        var weights = Doubles(state.State.Weights);
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
    private bool IsCommittedRound(long round) => round == state.State.Version - 1 && state.State.LastCommit is not null;

    private WeightBlockSetup RequireSetup() =>
        state.State.Setup ?? throw new InvalidOperationException($"Weight block {Key} has not been set up by its trainer.");

    private void EnsureRound(long round, string action)
    {
        RequireSetup();
        if (round != state.State.Version)
        {
            throw new InvalidOperationException($"Weight block {Key}: cannot {action} round {round}; the committed version is {state.State.Version}.");
        }
    }
}
