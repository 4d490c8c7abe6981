using OrleansTrainer.Abstractions;

namespace OrleansTrainer.RecoveryBench;

/// <summary>The job every run of the benchmark trains: long full-batch gradient descent that is still moving when it ends.</summary>
internal static class RecoveryJob
{
    /// <summary>Standardized least squares, a small constant step (so every round changes the weights), no early stop, 3 weight blocks.</summary>
    public static JobSpec Spec(string name, string dataset, int maxRounds) => new()
    {
        Name = name,
        Dataset = dataset,
        Standardize = true,
        LearningRate = 1e-4,
        MaxRounds = maxRounds,
        Tolerance = 0,
        WeightBlocks = 3,
    };
}
