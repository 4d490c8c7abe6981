using System.Runtime.CompilerServices;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// A numeric column: the number (text parsed once straight into float32 or float64, or a value a typed source already
/// read); a missing cell refused or imputed (<see cref="MissingCell.Fill"/>), and with an indicator feature, 1 for an
/// imputed cell and 0 otherwise.
/// </summary>
internal sealed class NumericEncoder(ColumnEncoding encoding) : ColumnEncoder(encoding)
{
    /// <inheritdoc />
    public override int Width => Encoding.MissingIndicator ? 2 : 1;

    /// <inheritdoc />
    public override CsvCellProblem EncodeMissing<T>(Span<T> features)
    {
        if (MissingCell.Fill(Encoding) is not { } fill)
        {
            return CsvCellProblem.Empty;
        }

        Set(ref features[0], fill);
        SetIndicator(features, 1);
        return CsvCellProblem.None;
    }

    /// <summary>Writes the features of <paramref name="value"/>, a number a typed source read (the caller checks its range).</summary>
    public void EncodeNumber<T>(double value, Span<T> features)
        where T : unmanaged
    {
        Set(ref features[0], value);
        SetIndicator(features, 0);
    }

    /// <inheritdoc />
    protected override CsvCellProblem EncodePresent<T>(ReadOnlySpan<char> cell, Span<T> features)
    {
        CsvCellProblem problem = typeof(T) == typeof(double)
            ? CsvCellParser.ParseFeature(cell, out Unsafe.As<T, double>(ref features[0]))
            : CsvCellParser.ParseFeature(cell, out Unsafe.As<T, float>(ref features[0]));
        SetIndicator(features, 0);
        return problem;
    }

    private void SetIndicator<T>(Span<T> features, double value)
        where T : unmanaged
    {
        if (Encoding.MissingIndicator)
        {
            Set(ref features[1], value);
        }
    }
}
