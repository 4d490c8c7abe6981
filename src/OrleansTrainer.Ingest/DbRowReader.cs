using System.Collections.ObjectModel;
using System.Data.Common;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from any ADO.NET <see cref="DbDataReader"/> (a query's result), its columns chosen by name:
/// features, the label and optionally an instance weight. Numeric SQL types (integers, floating point, decimal) and
/// booleans (1 and 0) are read as numbers, text as the categories of hashed columns; each cell's type is checked as it
/// is read, so a database with per-value types (SQLite) is held to the same rule. A NULL feature goes through the
/// missing-value policy (<see cref="MissingCell"/>); the result is read once, so one-hot columns and mean imputation,
/// which need a first pass, are refused. Any bad cell stops the read with a <see cref="DataSourceException"/> naming
/// the query, the row and the column. Depends on System.Data.Common only.
/// </summary>
public sealed class DbRowReader : IRowReader, IAsyncDisposable
{
    private readonly DbDataReader _reader;
    private readonly bool _ownsReader;
    private readonly IReadOnlyList<int> _ordinals;
    private readonly CheckedRow _row;
    private readonly bool[] _isText;

    private DbRowReader(DbDataReader reader, bool ownsReader, TableColumns columns, DatasetEncoding encoding, string sourceName)
    {
        _reader = reader;
        _ownsReader = ownsReader;
        _ordinals = columns.Ordinals;
        _row = new CheckedRow(sourceName, encoding, columns.LabelName, columns.WeightName);
        _isText = [.. _ordinals.Select((_, cell) => cell < encoding.Columns.Length && encoding.Columns[cell].Kind != ColumnEncodingKind.Numeric)];
        FeatureNames = new ReadOnlyCollection<string>(encoding.FeatureNames());
        LabelName = columns.LabelName;
        WeightName = columns.WeightName;
    }

    /// <summary>The feature names: a numeric column's name (and <c>age=&lt;missing&gt;</c> for its indicator), <c>city#h17</c> per hashed feature.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the feature columns become the features; recorded in the dataset's schema unless plain numeric.</summary>
    public DatasetEncoding Encoding => _row.Encoding;

    /// <inheritdoc />
    public string LabelName { get; }

    /// <inheritdoc />
    public string? WeightName { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel => _row.Label;

    /// <inheritdoc />
    public double CurrentWeight => _row.Weight;

    /// <summary>Reads the rows of <paramref name="reader"/>, its columns chosen by <paramref name="options"/>.</summary>
    /// <param name="reader">The query's result, positioned before its first row.</param>
    /// <param name="sourceName">Names the query in error messages (its text, shortened, or a name of your own).</param>
    /// <param name="options">The label, weight, feature and ignored columns, the hashed columns and the missing-value policy.</param>
    /// <param name="ownsReader">Whether disposing this reader disposes <paramref name="reader"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid, or ask for one-hot columns or mean imputation, which need a first pass.</exception>
    /// <exception cref="DataSourceException">A named column is missing or named twice, or the result repeats a column name.</exception>
    public static DbRowReader Open(DbDataReader reader, string sourceName, TableIngestOptions options, bool ownsReader = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        EncodingPlanner.Validate(options);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var columns = TableColumns.Resolve(sourceName, names, options);
        return new DbRowReader(reader, ownsReader, columns, EncodingPlanner.PlanWithoutFirstPass(columns, options, "a query's result"), sourceName);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, new RowLocation(RowsRead));
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, new RowLocation(RowsRead));
        return true;
    }

    /// <inheritdoc />
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new DataSourceException(_row.SourceName, null, null, null, "the query returned no rows");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsReader)
        {
            await _reader.DisposeAsync();
        }
    }

    /// <summary>Moves to the next row and reads its cells into the checked row.</summary>
    private async ValueTask<bool> FetchAsync(CancellationToken cancellationToken)
    {
        if (!await _reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        RowsRead++;
        var at = new RowLocation(RowsRead);
        var cells = _row.Cells;
        for (var c = 0; c < cells.Length; c++)
        {
            var ordinal = _ordinals[c];
            cells[c] = _reader.IsDBNull(ordinal) ? TableCell.Null
                : _isText[c] ? TableCell.Of(ReadText(ordinal, c, at))
                : TableCell.Of(ReadCell(ordinal, c, at));
        }

        return true;
    }

    /// <summary>The text of a hashed column's cell at <paramref name="ordinal"/>.</summary>
    private string ReadText(int ordinal, int cell, RowLocation at) =>
        _reader.GetFieldType(ordinal) == typeof(string)
            ? _reader.GetString(ordinal)
            : throw _row.Error(at, cell, $"SQL type {_reader.GetDataTypeName(ordinal)} ({_reader.GetFieldType(ordinal).Name}) is not text: a hashed column reads categories as text (CAST it in the query)");

    /// <summary>The cell at <paramref name="ordinal"/> as float64, by the type the provider gives this value.</summary>
    private double ReadCell(int ordinal, int cell, RowLocation at)
    {
        var type = _reader.GetFieldType(ordinal);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Double => _reader.GetDouble(ordinal),
            TypeCode.Single => _reader.GetFloat(ordinal),
            TypeCode.Int64 => _reader.GetInt64(ordinal),
            TypeCode.Int32 => _reader.GetInt32(ordinal),
            TypeCode.Int16 => _reader.GetInt16(ordinal),
            TypeCode.Byte => _reader.GetByte(ordinal),
            TypeCode.Decimal => (double)_reader.GetDecimal(ordinal),
            TypeCode.Boolean => _reader.GetBoolean(ordinal) ? 1 : 0,
            TypeCode.SByte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => Convert.ToDouble(_reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture),
            _ => throw _row.Error(at, cell, $"SQL type {_reader.GetDataTypeName(ordinal)} ({type.Name}) is not numeric or boolean"),
        };
    }
}
