using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// Encodes rows of source cells into feature vectors by a <see cref="DatasetEncoding"/>: the one place where a cell
/// becomes features, at ingestion and at prediction alike.
/// </summary>
internal sealed class RowEncoder
{
    private readonly ColumnEncoder[] _columns;
    private readonly int[] _offsets;

    public RowEncoder(DatasetEncoding encoding)
    {
        Encoding = encoding;
        _columns = [.. encoding.Columns.Select(ColumnEncoder.For)];
        _offsets = new int[_columns.Length];
        int offset = 0;
        for (int i = 0; i < _columns.Length; i++)
        {
            _offsets[i] = offset;
            offset += _columns[i].Width;
        }

        FeatureCount = offset;
    }

    /// <summary>The encoding applied.</summary>
    public DatasetEncoding Encoding { get; }

    /// <summary>The number of source columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The number of features a row becomes.</summary>
    public int FeatureCount { get; }

    /// <summary>Encodes the cell of source column <paramref name="column"/> into its features within <paramref name="features"/> (a whole row's).</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the cell is refused.</returns>
    public CsvCellProblem Encode<T>(int column, ReadOnlySpan<char> cell, Span<T> features)
        where T : unmanaged =>
        _columns[column].Encode(cell, features.Slice(_offsets[column], _columns[column].Width));
}
