using Parquet;
using Parquet.Schema;

namespace OrleansTrainer.Ingest;

/// <summary>
/// A chosen column of a Parquet file and its values in the row group last loaded: numbers as float64 with null flags,
/// or the texts of a categorical column. Memory holds one row group of the column, reused from group to group.
/// </summary>
internal sealed class ParquetColumn(DataField field, bool categorical)
{
    private double[] _numbers = [];
    private bool[] _nulls = [];
    private string?[] _texts = [];

    /// <summary>The column's schema field.</summary>
    public DataField Field { get; } = field;

    /// <summary>The cell of row <paramref name="row"/> of the loaded row group.</summary>
    public TableCell this[int row] => categorical ? TableCell.Of(_texts[row]) : _nulls[row] ? TableCell.Null : TableCell.Of(_numbers[row]);

    /// <summary>
    /// Loads row group <paramref name="index"/> (0-based) of <paramref name="columns"/>: the one place that opens a row
    /// group, bounds its size and names the file, the row group and the column when a column cannot be read.
    /// </summary>
    /// <returns>The row group's row count.</returns>
    /// <exception cref="DataSourceException">The row group is too large to load at once, or a column cannot be read (a damaged file).</exception>
    public static async ValueTask<int> LoadRowGroupAsync(ParquetReader file, int index, IEnumerable<ParquetColumn> columns, string sourceName, CancellationToken cancellationToken)
    {
        using var group = file.OpenRowGroupReader(index);
        if (group.RowCount > Array.MaxLength)
        {
            throw new DataSourceException(sourceName, index + 1, null, null, $"{group.RowCount} rows in one row group are more than are read at once");
        }

        var rows = (int)group.RowCount;
        foreach (var column in columns)
        {
            try
            {
                await column.LoadAsync(group, rows, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw new DataSourceException(sourceName, index + 1, null, column.Field.Name, $"cannot read the column: {error.Message}", error);
            }
        }

        return rows;
    }

    private ValueTask LoadAsync(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken)
    {
        if (categorical)
        {
            Reserve(ref _texts, rows);
            return ParquetColumnLoader.LoadTextsAsync(group, Field, _texts, rows, cancellationToken);
        }

        Reserve(ref _numbers, rows);
        Reserve(ref _nulls, rows);
        return ParquetColumnLoader.LoadNumbersAsync(group, Field, _numbers, _nulls, rows, cancellationToken);
    }

    private static void Reserve<T>(ref T[] buffer, int rows)
    {
        if (buffer.Length < rows)
        {
            buffer = new T[rows];
        }
    }
}
