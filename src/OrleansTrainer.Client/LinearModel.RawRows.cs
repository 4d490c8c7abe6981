using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client;

public sealed partial class LinearModel
{
    private RowEncoder? _rowEncoder;

    /// <summary>
    /// How raw rows become the features (one-hot or hashed categories, imputed missing values), as the dataset was
    /// ingested; null for a model of plain numeric columns (each feature its own column) or of a sparse dataset.
    /// </summary>
    public DatasetEncoding? Encoding { get; }

    /// <summary>
    /// Encodes a raw row, cells by source column name, into the model's features, exactly as ingestion did: numbers
    /// parsed with '.', categories one-hot or hashed, an empty cell imputed (or refused, as the dataset was). A category
    /// never seen in training goes to the column's <c>&lt;other&gt;</c> bucket when it has one and is refused otherwise.
    /// Cells of other columns (the label, an id) are ignored.
    /// </summary>
    /// <param name="row">The cells, by column name.</param>
    /// <returns>The features, one per <see cref="FeatureNames"/>.</returns>
    /// <exception cref="InvalidOperationException">The model's features are numbered (a sparse dataset's): it has no columns to read.</exception>
    /// <exception cref="FormatException">A column is absent from the row, or a cell is refused; the message names the column and the reason.</exception>
    public double[] Encode(IReadOnlyDictionary<string, string> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var encoder = RowEncoder();
        var features = new double[FeatureCount];
        for (var i = 0; i < encoder.ColumnCount; i++)
        {
            var column = encoder.Encoding.Columns[i].Column;
            if (!row.TryGetValue(column, out var cell))
            {
                throw new FormatException($"the row has no column \"{column}\"{NameSuggestion.DidYouMean(column, row.Keys)}");
            }

            var problem = encoder.Encode(i, (cell ?? "").Trim(), features.AsSpan());
            if (problem != CsvCellProblem.None)
            {
                throw new FormatException($"column \"{column}\": {CsvCellParser.Describe(problem, cell ?? "")}");
            }
        }

        return features;
    }

    /// <summary>The prediction (as <see cref="Predict(ReadOnlySpan{double})"/> gives it) of a raw row, encoded by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidOperationException">The model's features are numbered.</exception>
    /// <exception cref="FormatException">A column is absent from the row, or a cell is refused.</exception>
    public double Predict(IReadOnlyDictionary<string, string> row) => Predict(Encode(row));

    /// <summary>The source columns a raw row must have, in file order.</summary>
    public IReadOnlyList<string> SourceColumns => [.. RowEncoder().Encoding.Columns.Select(c => c.Column)];

    /// <summary>How raw rows become the features: <see cref="Encoding"/>, or plain numeric columns named as the features; null when the features are numbered.</summary>
    internal DatasetEncoding? RawEncoding => FeatureNames.Count == 0 ? null : Encoding ?? DatasetEncoding.Numeric(FeatureNames);

    private RowEncoder RowEncoder() => _rowEncoder ??= new RowEncoder(RawEncoding
        ?? throw new InvalidOperationException($"The model's {FeatureCount} features are numbered (it was trained on a sparse dataset): it has no columns to read a raw row by."));
}
