using System.Runtime.CompilerServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>Turns the text of one source column's cell into that column's features, as its <see cref="ColumnEncoding"/> says.</summary>
internal abstract class ColumnEncoder
{
    protected ColumnEncoder(ColumnEncoding encoding) => Encoding = encoding;

    /// <summary>The rule this encoder applies.</summary>
    public ColumnEncoding Encoding { get; }

    /// <summary>How many features the column becomes.</summary>
    public abstract int Width { get; }

    /// <summary>The encoder of <paramref name="encoding"/>.</summary>
    public static ColumnEncoder For(ColumnEncoding encoding) => encoding.Kind switch
    {
        ColumnEncodingKind.Numeric => new NumericEncoder(encoding),
        ColumnEncodingKind.OneHot => new OneHotEncoder(encoding),
        ColumnEncodingKind.Hashed => new HashedEncoder(encoding),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding.Kind, $"column \"{encoding.Column}\" has an unknown encoding kind"),
    };

    /// <summary>
    /// Writes the features of a cell holding <paramref name="cell"/> (an empty or whitespace cell is missing) into
    /// <paramref name="features"/>, <see cref="Width"/> values of float32 or float64 as <typeparamref name="T"/> is.
    /// </summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the cell is refused.</returns>
    public abstract CsvCellProblem Encode<T>(ReadOnlySpan<char> cell, Span<T> features)
        where T : unmanaged;

    /// <summary>Stores <paramref name="value"/> (exact in float32 too: 0, ±1 or a sum of a few) into a float or double slot.</summary>
    protected static void Set<T>(ref T slot, double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            Unsafe.As<T, double>(ref slot) = value;
        }
        else
        {
            Unsafe.As<T, float>(ref slot) = (float)value;
        }
    }

    /// <summary>The category a categorical cell stands for: its text, or <see cref="ColumnEncoding.MissingCategory"/> when empty and missing values are accepted.</summary>
    protected CsvCellProblem Category(ReadOnlySpan<char> cell, out ReadOnlySpan<char> category)
    {
        category = cell;
        if (!cell.IsWhiteSpace())
        {
            return CsvCellProblem.None;
        }

        category = ColumnEncoding.MissingCategory;
        return Encoding.Missing == MissingValuePolicy.Refuse ? CsvCellProblem.Empty : CsvCellProblem.None;
    }
}
