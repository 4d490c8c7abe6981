using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A shard's rows loaded in memory: features row-major (float32 or float64, as the dataset stores them) or a CSR matrix
/// (sparse datasets), float64 labels and optional instance weights.
/// </summary>
internal sealed class ShardRows
{
    /// <summary>Allocates room for <paramref name="rows"/> rows.</summary>
    public ShardRows(long rows, int columns, FeatureType featureType, bool weighted)
    {
        Columns = columns;
        FeatureType = featureType;
        Features32 = featureType == FeatureType.Float32 ? new float[rows * columns] : [];
        Features64 = featureType == FeatureType.Float64 ? new double[rows * columns] : [];
        Labels = new double[rows];
        Weights = weighted ? new double[rows] : [];
    }

    /// <summary>Wraps sparse rows (held, not copied).</summary>
    public ShardRows(CsrMatrix sparse, double[] labels, double[] weights)
    {
        Columns = sparse.Cols;
        FeatureType = FeatureType.SparseFloat32;
        Sparse = sparse;
        Features32 = [];
        Features64 = [];
        Labels = labels;
        Weights = weights;
    }

    private ShardRows(ShardRows rows, double[] weights)
    {
        Columns = rows.Columns;
        FeatureType = rows.FeatureType;
        Sparse = rows.Sparse;
        Features32 = rows.Features32;
        Features64 = rows.Features64;
        Labels = rows.Labels;
        Weights = weights;
    }

    /// <summary>The sparse rows; null for dense datasets.</summary>
    public CsrMatrix? Sparse { get; }

    /// <summary>Features per row.</summary>
    public int Columns { get; }

    /// <summary>How the features are stored.</summary>
    public FeatureType FeatureType { get; }

    /// <summary>float32 features, row-major; empty when stored as float64.</summary>
    public float[] Features32 { get; }

    /// <summary>float64 features, row-major; empty when stored as float32.</summary>
    public double[] Features64 { get; }

    /// <summary>Labels.</summary>
    public double[] Labels { get; }

    /// <summary>Instance weights; empty when the dataset has none (every row weighs 1).</summary>
    public double[] Weights { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>Sum of the instance weights (the row count without weights): the shard's share in model averaging.</summary>
    public double TotalWeight => Weights.Length == 0 ? Labels.Length : Weights.Sum();

    /// <summary>The same rows (shared, not copied) with other instance weights, one per row.</summary>
    public ShardRows WithWeights(double[] weights) =>
        weights.Length == Rows ? new ShardRows(this, weights) : throw new ArgumentException($"{weights.Length} weights for {Rows} rows.", nameof(weights));
}
