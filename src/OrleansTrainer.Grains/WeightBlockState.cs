using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a weight block, written in one state write at every commit.</summary>
[GenerateSerializer, Alias("otrain.WeightBlockState")]
public sealed class WeightBlockState
{
    /// <summary>How the block was set up; null before <see cref="IWeightBlockGrain.InitializeAsync"/>.</summary>
    [Id(0)] public WeightBlockSetup? Setup { get; set; }

    /// <summary>The weights (float64 bytes), solver coordinates.</summary>
    [Id(1)] public byte[] Weights { get; set; } = [];

    /// <summary>The momentum velocity (float64 bytes); empty without momentum.</summary>
    [Id(2)] public byte[] Velocity { get; set; } = [];

    /// <summary>The round these weights are the input of (committed rounds so far).</summary>
    [Id(3)] public long Version { get; set; }

    /// <summary>The result of the last commit, returned again if that commit is replayed.</summary>
    [Id(4)] public BlockCommitResult? LastCommit { get; set; }
}
