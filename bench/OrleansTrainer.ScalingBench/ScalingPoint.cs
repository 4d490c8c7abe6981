namespace OrleansTrainer.ScalingBench;

/// <summary>Everything one silo count measured.</summary>
/// <param name="Silos">Silo processes.</param>
/// <param name="Shards">Shards of each dataset (2 per silo).</param>
/// <param name="Dense">The dense file's figures.</param>
/// <param name="Sparse">The sparse file's figures.</param>
internal sealed record ScalingPoint(int Silos, int Shards, DenseResult Dense, SparseResult Sparse);
