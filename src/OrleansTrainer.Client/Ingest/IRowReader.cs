namespace OrleansTrainer.Client.Ingest;

/// <summary>A forward-only source of dataset rows: float32 features, a float64 label and an optional float64 weight per row.</summary>
public interface IRowReader
{
    /// <summary>The feature column names, in the order rows deliver them.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The label column's name.</summary>
    string LabelName { get; }

    /// <summary>The name of the instance-weight column, or <see langword="null"/> when rows carry no weight.</summary>
    string? WeightName { get; }

    /// <summary>The rows read so far.</summary>
    long RowsRead { get; }

    /// <summary>The label of the row last read.</summary>
    double CurrentLabel { get; }

    /// <summary>The weight of the row last read: finite and at least 0; 1 when <see cref="WeightName"/> is <see langword="null"/>.</summary>
    double CurrentWeight { get; }

    /// <summary>Reads the next row's features into <paramref name="features"/>; false at the end.</summary>
    ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken);

    /// <summary>Throws when the source held no rows at all; called once the last row has been read.</summary>
    void EnsureHasRows();
}
