namespace OrleansTrainer.Grains;

/// <summary>A shard's rows loaded in memory: float32 features row-major and float64 labels.</summary>
internal sealed class ShardRows(float[] features, double[] labels, int columns)
{
    /// <summary>Features, row-major.</summary>
    public float[] Features { get; } = features;

    /// <summary>Labels.</summary>
    public double[] Labels { get; } = labels;

    /// <summary>Features per row.</summary>
    public int Columns { get; } = columns;

    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;
}
