using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The persisted state of a weight block, written in one state write at every commit, alternately to an even and an odd
/// record by version (see <c>WeightBlockGrain</c>).
/// </summary>
[GenerateSerializer, Alias("otrain.WeightBlockState")]
public sealed record WeightBlockState
{
    /// <summary>How the block was set up; null before <see cref="IWeightBlockGrain.InitializeAsync"/>.</summary>
    [Id(0)] public WeightBlockSetup? Setup { get; init; }

    /// <summary>The weights (float64 bytes), solver coordinates.</summary>
    [Id(1)] public byte[] Weights { get; init; } = [];

    /// <summary>The update rule's first per-coordinate state (momentum velocity, AdaGrad's sum of squares, Adam's first moment); float64 bytes, empty if unused.</summary>
    [Id(2)] public byte[] State1 { get; init; } = [];

    /// <summary>The round these weights are the input of (committed rounds so far).</summary>
    [Id(3)] public long Version { get; init; }

    /// <summary>The result of the last commit, returned again if that commit is replayed.</summary>
    [Id(4)] public BlockCommitResult? LastCommit { get; init; }

    /// <summary>The update rule's second per-coordinate state (Adam's second moment); float64 bytes, empty if unused.</summary>
    [Id(5)] public byte[] State2 { get; init; } = [];

    /// <summary>How many update steps have been applied (Adam's bias correction).</summary>
    [Id(6)] public long Steps { get; init; }

    /// <summary>The mode of the last commit.</summary>
    [Id(7)] public BlockCommitMode LastMode { get; init; }

    /// <summary>
    /// The weights of the previous version (the input of round <c>Version − 1</c>), kept so that a round whose commit
    /// landed here but was not recorded by the trainer can be redone: shards pull these again and get the same bits.
    /// Empty in a record when the other record holds them (its version is this one's − 1).
    /// </summary>
    [Id(8)] public byte[] PreviousWeights { get; init; } = [];

    /// <summary>The same state (sharing its arrays) without <see cref="PreviousWeights"/>: the record to store when the other record holds them.</summary>
    internal WeightBlockState WithoutPreviousWeights() => this with { PreviousWeights = [] };
}
