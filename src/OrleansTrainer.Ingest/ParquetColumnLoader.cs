using System.Buffers;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads one column of one Parquet row group: the one place that says which Parquet column types are read and how.
/// Booleans (as 1 and 0), integers of every width, float, double and decimal are read as float64 numbers; UTF-8
/// strings (dictionary-encoded or plain) as the text of categorical columns. Any of them may be nullable.
/// </summary>
internal static class ParquetColumnLoader
{
    /// <summary>Reads a column's values into a float64 buffer and null flags.</summary>
    private delegate ValueTask Loader(ParquetRowGroupReader group, DataField field, double[] numbers, bool[] nulls, int rows, CancellationToken cancellationToken);

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

    /// <summary>Whether <paramref name="field"/> holds UTF-8 strings.</summary>
    public static bool IsText(DataField field) => field.ClrType == typeof(ReadOnlyMemory<char>) || field.ClrType == typeof(string);

    /// <summary>
    /// Why <paramref name="field"/> cannot be read as a categorical column (<paramref name="categorical"/>) or as a
    /// numeric one (a feature, the label, the weight), or <see langword="null"/> when it can.
    /// </summary>
    public static string? Refusal(Field field, bool categorical) => field switch
    {
        DataField { IsArray: true } => "a repeated column is not read",
        DataField data when categorical => IsText(data) ? null : $"Parquet type {TypeName(data)} is not a string column: only string columns are read as categories",
        DataField data when IsText(data) =>
            $"a string column is read only as categories: name it categorical (otrain: --categorical {data.Name}) or hashed (--hash-categorical {data.Name}:BITS), or leave it out (--ignore {data.Name})",
        DataField data when !Loaders.ContainsKey(data.ClrType) => $"Parquet type {TypeName(data)} is not numeric or boolean",
        DataField => null,
        _ => $"a nested column ({field.SchemaType}) is not read",
    };

    /// <summary>Reads <paramref name="rows"/> numbers of <paramref name="field"/> into <paramref name="numbers"/>, flagging nulls in <paramref name="nulls"/>.</summary>
    public static ValueTask LoadNumbersAsync(ParquetRowGroupReader group, DataField field, double[] numbers, bool[] nulls, int rows, CancellationToken cancellationToken) =>
        Loaders[field.ClrType](group, field, numbers, nulls, rows, cancellationToken);

    /// <summary>Reads <paramref name="rows"/> strings of <paramref name="field"/> into <paramref name="texts"/>, a null as <see langword="null"/>.</summary>
    public static ValueTask LoadTextsAsync(ParquetRowGroupReader group, DataField field, string?[] texts, int rows, CancellationToken cancellationToken) =>
        group.ReadAsync(field, texts.AsMemory(0, rows), null, cancellationToken);

    private static string TypeName(DataField field) => field.ClrType == typeof(ReadOnlyMemory<byte>) ? "binary" : field.ClrType.Name;

    private static Loader Numbers<T>()
        where T : struct, INumberBase<T> => Values<T>(static value => double.CreateChecked(value));

    private static Loader Values<T>(Func<T, double> convert)
        where T : struct => (group, field, numbers, nulls, rows, cancellationToken) => LoadAsync(group, field, numbers, nulls, rows, convert, cancellationToken);

    private static async ValueTask LoadAsync<T>(ParquetRowGroupReader group, DataField field, double[] numbers, bool[] nulls, int rows,
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
                    nulls[i] = values[i] is null;
                    numbers[i] = values[i] is { } value ? convert(value) : 0;
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
                Array.Clear(nulls, 0, rows);
                for (var i = 0; i < rows; i++)
                {
                    numbers[i] = convert(values[i]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values);
            }
        }
    }
}
