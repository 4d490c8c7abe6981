using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// One row of a source of named columns (a Parquet file, a query's result, typed rows) on its way to the uploader: its
/// cells as read (the feature columns in order, then the label, then the weight if there is one), checked and encoded
/// into float32 or float64 features by the source's <see cref="DatasetEncoding"/>. Every such source checks its values
/// here: numbers finite, a feature read as float32 within the float32 range, a weight at least 0; a missing feature
/// cell goes to <see cref="MissingCell"/>'s policy, a missing label or weight is refused.
/// </summary>
internal sealed class CheckedRow
{
    private readonly RowEncoder _encoder;
    private readonly int _featureColumns;
    private readonly string _labelName;
    private readonly string? _weightName;

    public CheckedRow(string sourceName, DatasetEncoding encoding, string labelName, string? weightName)
    {
        SourceName = sourceName;
        _encoder = new RowEncoder(encoding);
        _featureColumns = encoding.Columns.Length;
        _labelName = labelName;
        _weightName = weightName;
        Cells = new TableCell[_featureColumns + (weightName is null ? 1 : 2)];
    }

    /// <summary>The source as shown in errors.</summary>
    public string SourceName { get; }

    /// <summary>How the feature columns become features.</summary>
    public DatasetEncoding Encoding => _encoder.Encoding;

    /// <summary>The row's cells: the feature columns, the label, the weight (when the source has one). Filled by the source, then delivered.</summary>
    public TableCell[] Cells { get; }

    /// <summary>The label of the row last delivered.</summary>
    public double Label { get; private set; }

    /// <summary>The weight of the row last delivered; 1 without a weight column.</summary>
    public double Weight { get; private set; } = 1;

    /// <summary>The column name of cell <paramref name="cell"/>.</summary>
    public string CellName(int cell) =>
        cell < _featureColumns ? Encoding.Columns[cell].Column : cell == _featureColumns ? _labelName : _weightName!;

    /// <summary>An error in cell <paramref name="cell"/> of the row at <paramref name="at"/>.</summary>
    public DataSourceException Error(RowLocation at, int cell, string reason) =>
        new(SourceName, at.RowGroup, at.Row, CellName(cell), reason);

    /// <summary>Checks the cells and encodes the features into <paramref name="target"/>, float32 or float64 as <typeparamref name="T"/> is.</summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> does not have room for exactly the encoding's features.</exception>
    /// <exception cref="DataSourceException">
    /// A number is not finite, a float32 feature is beyond the float32 range, a missing cell is refused, a category is
    /// unknown, or the weight is negative.
    /// </exception>
    public void Deliver<T>(Span<T> target, RowLocation at)
        where T : unmanaged
    {
        if (target.Length != _encoder.FeatureCount)
        {
            throw new ArgumentException($"expected room for exactly {_encoder.FeatureCount} features, got {target.Length}", nameof(target));
        }

        for (var c = 0; c < _featureColumns; c++)
        {
            var cell = Cells[c];
            if (cell.IsNull)
            {
                if (_encoder.EncodeMissing(c, target) != CsvCellProblem.None)
                {
                    throw Error(at, c, MissingCell.NullRefused);
                }
            }
            else if (cell.Text is { } text)
            {
                var problem = _encoder.Encode(c, text, target);
                if (problem != CsvCellProblem.None)
                {
                    throw Error(at, c, CsvCellParser.Describe(problem, text));
                }
            }
            else
            {
                CheckFeature<T>(cell.Number, at, c);
                _encoder.EncodeNumber(c, cell.Number, target);
            }
        }

        Label = Number(_featureColumns, "label", at);
        if (_weightName is not null)
        {
            var weight = Number(_featureColumns + 1, "weight", at, NotAWeight);
            Weight = weight >= 0 ? weight : throw Error(at, _featureColumns + 1, NotAWeight(weight));
        }
    }

    private void CheckFeature<T>(double value, RowLocation at, int cell)
    {
        if (!double.IsFinite(value))
        {
            throw Error(at, cell, NotFinite(value));
        }

        if (typeof(T) == typeof(float) && !float.IsFinite((float)value))
        {
            throw Error(at, cell, $"{value:R} is beyond the float32 range; store the features as float64");
        }
    }

    /// <summary>The number of the label or weight cell <paramref name="cell"/>: present and finite.</summary>
    private double Number(int cell, string role, RowLocation at, Func<double, string>? notFinite = null)
    {
        var value = Cells[cell];
        return value.IsNull ? throw Error(at, cell, MissingCell.NeverImputed(role))
            : double.IsFinite(value.Number) ? value.Number
            : throw Error(at, cell, (notFinite ?? NotFinite)(value.Number));
    }

    private static string NotFinite(double value) => $"{value:R} is not a finite number";

    private static string NotAWeight(double value) => $"weight must be a finite number >= 0, not {value:R}";
}
