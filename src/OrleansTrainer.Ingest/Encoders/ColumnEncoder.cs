using System.Runtime.CompilerServices;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>Turns one source column's cell into that column's features, as its <see cref="ColumnEncoding"/> says.</summary>
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
    /// Writes the features of a cell holding the text <paramref name="cell"/> (a missing cell when empty or whitespace,
    /// see <see cref="MissingCell"/>) into <paramref name="features"/>, <see cref="Width"/> values of float32 or
    /// float64 as <typeparamref name="T"/> is.
    /// </summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the cell is refused.</returns>
    public CsvCellProblem Encode<T>(ReadOnlySpan<char> cell, Span<T> features)
        where T : unmanaged =>
        MissingCell.IsMissing(cell) ? EncodeMissing(features) : EncodePresent(cell, features);

    /// <summary>Writes the features of a missing cell, as <see cref="MissingCell"/> decides.</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or <see cref="CsvCellProblem.Empty"/> when the column refuses missing cells.</returns>
    public abstract CsvCellProblem EncodeMissing<T>(Span<T> features)
        where T : unmanaged;

    /// <summary>Writes the features of a cell holding text that is not missing.</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the cell is refused.</returns>
    protected abstract CsvCellProblem EncodePresent<T>(ReadOnlySpan<char> cell, Span<T> features)
        where T : unmanaged;

    /// <summary>Stores <paramref name="value"/> into a float or double slot (rounded once for a float).</summary>
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
}
