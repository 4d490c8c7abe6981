namespace OrleansTrainer.Ingest;

/// <summary>
/// A forward-only source of sparse dataset rows: per row, the nonzero features as (0-based column index, float32
/// value) pairs, a float64 label and a float64 instance weight.
/// </summary>
/// <remarks>
/// Every row a reader delivers has column indices that strictly increase and lie in [0, <see cref="Dimension"/>), and
/// values that are finite and nonzero: explicit zeros in the source are dropped. A reader is not thread-safe, and
/// after it has thrown on bad input it cannot continue.
/// </remarks>
public interface ISparseRowReader
{
    /// <summary>The name of the input used in error messages (usually its file name).</summary>
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
    /// The number of feature columns: every index delivered is below it. Fixed from the start for most sources; a
    /// source that learns it from the data (LIBSVM without a given dimension) reports the largest index seen so far
    /// plus one, which is final only once <see cref="ReadRowAsync"/> has returned <see langword="false"/>.
    /// </summary>
    int Dimension { get; }

    /// <summary>
    /// Clears <paramref name="indices"/> and <paramref name="values"/> and fills them with the next row's entries:
    /// 0-based column indices in strictly increasing order and their finite, nonzero float32 values.
    /// </summary>
    /// <param name="indices">Receives the row's column indices.</param>
    /// <param name="values">Receives the row's values, one per index.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read, its label in <see cref="CurrentLabel"/> and its weight in <see cref="CurrentWeight"/>; <see langword="false"/> at the end.</returns>
    ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken);

    /// <summary>Throws when the source held no rows at all; called once the last row has been read.</summary>
    void EnsureHasRows();
}
