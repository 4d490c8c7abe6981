using System.Buffers;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads one column of one Parquet row group as float64: the one place that says which Parquet column types are read
/// (booleans as 1 and 0, integers of every width, float, double, decimal) and how. A null goes to the caller's
/// missing-cell function.
/// </summary>
internal static class ParquetColumnLoader
{
    /// <summary>Reads a column's values into a float64 buffer; a null at index i becomes <c>missing(i)</c>.</summary>
    private delegate ValueTask Loader(ParquetRowGroupReader group, DataField field, double[] target, int rows, Func<int, double> missing, CancellationToken cancellationToken);

    private static readonly Dictionary<Type, Loader> Loaders = new()
    {
        [typeof(bool)] = Values<bool>(static value => value ? 1 : 0),
        [typeof(sbyte)] = Numbers<sbyte>(),
        [typeof(byte)] = Numbers<byte>(),
        [typeof(short)] = Numbers<short>(),
        [typeof(ushort)] = Numbers<ushort>(),
        [typeof(int)] = Numbers<int>(),
        [typeof(uint)] = Numbers<uint>(),
        [typeof(long)] = Numbers<long>(),
        [typeof(ulong)] = Numbers<ulong>(),
        [typeof(float)] = Numbers<float>(),
        [typeof(double)] = Numbers<double>(),
        [typeof(decimal)] = Numbers<decimal>(),
    };

    /// <summary>Why <paramref name="field"/> cannot be read, or <see langword="null"/> when it can.</summary>
    public static string? Refusal(Field field) => field switch
    {
        DataField { IsArray: true } => "a repeated column is not read",
        DataField data when data.ClrType == typeof(ReadOnlyMemory<char>) || data.ClrType == typeof(string) =>
            "a string column: categorical columns are not read from Parquet yet",
        DataField data when !Loaders.ContainsKey(data.ClrType) => $"Parquet type {data.ClrType.Name} is not numeric or boolean",
        DataField => null,
        _ => $"a nested column ({field.SchemaType}) is not read",
    };

    /// <summary>Reads <paramref name="rows"/> values of <paramref name="field"/> into <paramref name="target"/>.</summary>
    public static ValueTask LoadAsync(ParquetRowGroupReader group, DataField field, double[] target, int rows, Func<int, double> missing, CancellationToken cancellationToken) =>
        Loaders[field.ClrType](group, field, target, rows, missing, cancellationToken);

    private static Loader Numbers<T>()
        where T : struct, INumberBase<T> => Values<T>(static value => double.CreateChecked(value));

    private static Loader Values<T>(Func<T, double> convert)
        where T : struct => (group, field, target, rows, missing, cancellationToken) => LoadAsync(group, field, target, rows, missing, convert, cancellationToken);

    private static async ValueTask LoadAsync<T>(ParquetRowGroupReader group, DataField field, double[] target, int rows, Func<int, double> missing,
        Func<T, double> convert, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = ArrayPool<T?>.Shared.Rent(rows);
            try
            {
                await group.ReadAsync<T>(field, values.AsMemory(0, rows), null, cancellationToken);
                for (var i = 0; i < rows; i++)
                {
                    target[i] = values[i] is { } value ? convert(value) : missing(i);
                }
            }
            finally
            {
                ArrayPool<T?>.Shared.Return(values);
            }
        }
        else
        {
            var values = ArrayPool<T>.Shared.Rent(rows);
            try
            {
                await group.ReadAsync(field, values.AsMemory(0, rows), null, cancellationToken);
                for (var i = 0; i < rows; i++)
                {
                    target[i] = convert(values[i]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values);
            }
        }
    }
}
