using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// Encodes rows of source cells into feature vectors by a <see cref="DatasetEncoding"/>: the one place where a cell
/// becomes features, at ingestion (from text, from numbers a typed source read, from nulls) and at prediction alike.
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

    /// <summary>Encodes the text of source column <paramref name="column"/>'s cell into its features within <paramref name="features"/> (a whole row's).</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the cell is refused.</returns>
    public CsvCellProblem Encode<T>(int column, ReadOnlySpan<char> cell, Span<T> features)
        where T : unmanaged =>
        _columns[column].Encode(cell, Slice(column, features));

    /// <summary>Encodes a missing cell of source column <paramref name="column"/>.</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or <see cref="CsvCellProblem.Empty"/> when the column refuses missing cells.</returns>
    public CsvCellProblem EncodeMissing<T>(int column, Span<T> features)
        where T : unmanaged =>
        _columns[column].EncodeMissing(Slice(column, features));

    /// <summary>Encodes a number a typed source read for the numeric source column <paramref name="column"/>.</summary>
    /// <exception cref="InvalidOperationException">The column is not numeric.</exception>
    public void EncodeNumber<T>(int column, double value, Span<T> features)
        where T : unmanaged
    {
        if (_columns[column] is not NumericEncoder numeric)
        {
            throw new InvalidOperationException($"Column \"{Encoding.Columns[column].Column}\" is {Encoding.Columns[column].Kind}, not numeric: it takes text.");
        }

        numeric.EncodeNumber(value, Slice(column, features));
    }

    private Span<T> Slice<T>(int column, Span<T> features) => features.Slice(_offsets[column], _columns[column].Width);
}
