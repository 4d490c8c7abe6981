namespace OrleansTrainer.Ingest;

/// <summary>
/// A forward-only source of dataset rows: features, a float64 label and an optional float64 weight per row. The
/// features are read as float32 or as float64, through the matching <c>ReadRowAsync</c> overload; a caller keeps to one.
/// </summary>
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

    /// <summary>Reads the next row's features into <paramref name="features"/> as float32; false at the end.</summary>
    /// <param name="features">Receives the row's features, in <see cref="FeatureNames"/> order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read, its label in <see cref="CurrentLabel"/> and its weight in <see cref="CurrentWeight"/>; <see langword="false"/> at the end.</returns>
    ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the next row's features into <paramref name="features"/> as float64, at the full precision of the source;
    /// false at the end. Rows, <see cref="CurrentLabel"/>, <see cref="CurrentWeight"/> and <see cref="RowsRead"/> behave
    /// as with <see cref="ReadRowAsync(Memory{float}, CancellationToken)"/>.
    /// </summary>
    /// <param name="features">Receives the row's features, in <see cref="FeatureNames"/> order.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read, its label in <see cref="CurrentLabel"/> and its weight in <see cref="CurrentWeight"/>; <see langword="false"/> at the end.</returns>
    ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken);

    /// <summary>Throws when the source held no rows at all; called once the last row has been read.</summary>
    void EnsureHasRows();
}
