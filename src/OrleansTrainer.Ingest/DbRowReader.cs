using System.Data.Common;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from any ADO.NET <see cref="DbDataReader"/> (a query's result), its columns chosen by name:
/// features, the label and optionally an instance weight. Numeric SQL types (integers, floating point, decimal) and
/// booleans (1 and 0) are read; each cell's type is checked as it is read, so a database with per-value types (SQLite)
/// is held to the same rule. A NULL goes to <see cref="MissingCell"/>; any other bad cell stops the read with a
/// <see cref="DataSourceException"/> naming the query, the row and the column. Depends on System.Data.Common only.
/// </summary>
public sealed class DbRowReader : IRowReader, IAsyncDisposable
{
    private readonly DbDataReader _reader;
    private readonly bool _ownsReader;
    private readonly IReadOnlyList<int> _ordinals;
    private readonly CheckedRow _row;

    private DbRowReader(DbDataReader reader, bool ownsReader, TableColumns columns, string sourceName)
    {
        _reader = reader;
        _ownsReader = ownsReader;
        _ordinals = columns.Ordinals;
        _row = new CheckedRow(sourceName, columns.FeatureNames, columns.LabelName, columns.WeightName);
        FeatureNames = columns.FeatureNames;
        LabelName = columns.LabelName;
        WeightName = columns.WeightName;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

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
    /// <param name="options">The label, weight and feature columns.</param>
    /// <param name="ownsReader">Whether disposing this reader disposes <paramref name="reader"/>.</param>
    /// <exception cref="DataSourceException">A named column is missing or named twice, or the result repeats a column name.</exception>
    public static DbRowReader Open(DbDataReader reader, string sourceName, TableIngestOptions options, bool ownsReader = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        return new DbRowReader(reader, ownsReader, TableColumns.Resolve(sourceName, names, options), sourceName);
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
            cells[c] = _reader.IsDBNull(ordinal) ? MissingCell.Resolve(_row, at, c) : ReadCell(ordinal, c, at);
        }

        return true;
    }

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
