namespace OrleansTrainer.Client.Ingest;

/// <summary>A forward-only source of sparse rows: the non-zero features, a float64 label and a float64 weight per row.</summary>
public interface ISparseRowReader
{
    /// <summary>The name of the source, for messages (a file name).</summary>
    string SourceName { get; }

    /// <summary>The rows read so far.</summary>
    long RowsRead { get; }

    /// <summary>The label of the row last read.</summary>
    double CurrentLabel { get; }

    /// <summary>The name of the instance-weight column, or <see langword="null"/> when rows carry no weight.</summary>
    string? WeightName { get; }

    /// <summary>The weight of the row last read: finite and at least 0; 1 when the source carries no weights.</summary>
    double CurrentWeight { get; }

    /// <summary>
    /// The feature count: every column index is below it. Fixed from the start for sources that declare it; for a
    /// LIBSVM file without a declared dimension it is the largest index seen plus one, final only after the last row.
    /// </summary>
    int Dimension { get; }

    /// <summary>
    /// Clears the lists and fills them with the next row's entries: 0-based column indices strictly increasing, finite
    /// float32 values, explicit zeros dropped.
    /// </summary>
    /// <param name="indices">Receives the column indices.</param>
    /// <param name="values">Receives the values, one per index.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> at the end.</returns>
    ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken);

    /// <summary>Throws when the source held no rows at all; called once the last row has been read.</summary>
    void EnsureHasRows();
}
