namespace OrleansTrainer.Grains;

/// <summary>A shard's rows loaded in memory: float32 features row-major, float64 labels and optional instance weights.</summary>
internal sealed class ShardRows(float[] features, double[] labels, double[] weights, int columns)
{
    /// <summary>Features, row-major.</summary>
    public float[] Features { get; } = features;

    /// <summary>Labels.</summary>
    public double[] Labels { get; } = labels;

    /// <summary>Instance weights; empty when the dataset has none (every row weighs 1).</summary>
    public double[] Weights { get; } = weights;

    /// <summary>Features per row.</summary>
    public int Columns { get; } = columns;

    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>Sum of the instance weights (the row count without weights): the shard's share in model averaging.</summary>
    public double TotalWeight { get; } = weights.Length == 0 ? labels.Length : weights.Sum();
}
