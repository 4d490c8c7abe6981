using System.Runtime.InteropServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A contiguous slice of a job's parameters. Shards pull its weights and push gradient sums for a round; at commit the
/// block sums the contributions in shard-index order (so the result never depends on arrival order), applies the
/// optimizer step and persists the new version in one state write.
/// </summary>
public sealed class WeightBlockGrain(
    [PersistentState("block", TrainerStorage.ProviderName)] IPersistentState<WeightBlockState> state) : Grain, IWeightBlockGrain
{
    private readonly SortedDictionary<int, (double[] Gradient, long Rows)> _pending = [];
    private PackedVector? _published;

    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task InitializeAsync(WeightBlockSetup setup)
    {
        if (setup.Length <= 0 || setup.InitialWeights.Bytes.Length != setup.Length * sizeof(double)
            || setup.PenaltyScale.Bytes.Length != setup.Length * sizeof(double) || setup.ShardCount <= 0)
        {
            throw new ArgumentException($"Weight block {Key}: inconsistent setup ({setup.Length} weights, {setup.ShardCount} shards).");
        }

        state.State = new WeightBlockState
        {
            Setup = setup,
            Weights = setup.InitialWeights.Bytes.ToArray(),
            Velocity = setup.Spec.Momentum > 0 ? new byte[setup.InitialWeights.Bytes.Length] : [],
            Version = 0,
        };
        _pending.Clear();
        _published = null;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<PackedVector> PullAsync(long round)
    {
        EnsureRound(round, "pull");
        return Task.FromResult(_published ??= new PackedVector { Bytes = state.State.Weights.ToArray() });
    }

    /// <inheritdoc />
    public Task PushAsync(long round, int shardIndex, PackedVector gradientSum, long rows)
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

        _pending.TryAdd(shardIndex, (DenseBuffers.AsDoubles(gradientSum.Bytes).ToArray(), rows));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<BlockCommitResult> CommitAsync(long round)
    {
        var setup = RequireSetup();
        if (round == state.State.Version - 1 && state.State.LastCommit is { } replay)
        {
            return replay;
        }

        EnsureRound(round, "commit");
        if (_pending.Count != setup.ShardCount)
        {
            var missing = Enumerable.Range(0, setup.ShardCount).Where(s => !_pending.ContainsKey(s));
            throw new InvalidOperationException($"Weight block {Key}: round {round} lacks contributions from shards {string.Join(", ", missing)}.");
        }

        var sum = new double[setup.Length];
        long rows = 0;
        foreach (var (_, contribution) in _pending)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += contribution.Gradient[i];
            }

            rows += contribution.Rows;
        }

        var spec = setup.Spec;
        var weights = MemoryMarshal.Cast<byte, double>(state.State.Weights.AsSpan());
        var velocity = MemoryMarshal.Cast<byte, double>(state.State.Velocity.AsSpan());
        var rate = GradientStep.LearningRateAt((LearningRateSchedule)spec.Schedule, spec.LearningRate, round);
        var step = GradientStep.Apply(weights, velocity, sum, rows, DenseBuffers.AsDoubles(setup.PenaltyScale.Bytes),
            spec.L2, rate, spec.Momentum, spec.Nesterov);

        var result = new BlockCommitResult { GradientNormSquared = step.GradientNormSquared, Penalty = step.PenaltyBeforeStep, Version = round + 1 };
        state.State.Version = round + 1;
        state.State.LastCommit = result;
        await state.WriteStateAsync();
        _pending.Clear();
        _published = null;
        return result;
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
