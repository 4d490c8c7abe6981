using OrleansTrainer.Abstractions;

namespace OrleansTrainer.TransferBench;

/// <summary>
/// A grain on the bench's silo that does one round of a data shard's traffic with a weight block on the other silo —
/// pull the weights, push a sum of the same size, ask for the commit — and times each call where a shard would make it.
/// </summary>
[Alias("otrain.bench.ITransferProbeGrain")]
public interface ITransferProbeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Pulls the weights of <paramref name="round"/> from <paramref name="block"/>, pushes a sum of their length as shard 0's,
    /// and commits the round as a gradient step (the block writes its next version to Redis).
    /// </summary>
    [Alias("Round")]
    Task<RoundTimes> RoundAsync(string block, long round);
}

/// <summary>The three calls of one round, each in milliseconds as the probe measured it, and the bytes pulled.</summary>
[GenerateSerializer, Immutable, Alias("otrain.bench.RoundTimes")]
public sealed record RoundTimes
{
    /// <summary><see cref="IWeightBlockGrain.PullAsync"/>, request to reply.</summary>
    [Id(0)] public double PullMs { get; init; }

    /// <summary><see cref="IWeightBlockGrain.PushAsync"/> with a sum as large as the weights.</summary>
    [Id(1)] public double PushMs { get; init; }

    /// <summary><see cref="IWeightBlockGrain.CommitAsync"/> in <see cref="BlockCommitMode.Step"/>: the update and its state write.</summary>
    [Id(2)] public double CommitMs { get; init; }

    /// <summary>The size of the pulled weights (and of the pushed sum).</summary>
    [Id(3)] public int Bytes { get; init; }
}
