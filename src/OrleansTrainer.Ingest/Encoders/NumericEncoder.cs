using System.Runtime.CompilerServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// A numeric column: the number, parsed once straight into float32 or float64; an empty cell refused or imputed
/// (<see cref="ColumnEncoding.Fill"/>), and with an indicator feature, 1 for an imputed cell and 0 otherwise.
/// </summary>
internal sealed class NumericEncoder(ColumnEncoding encoding) : ColumnEncoder(encoding)
{
    /// <inheritdoc />
    public override int Width => Encoding.MissingIndicator ? 2 : 1;

    /// <inheritdoc />
    public override CsvCellProblem Encode<T>(ReadOnlySpan<char> cell, Span<T> features)
    {
        bool missing = Encoding.Missing != MissingValuePolicy.Refuse && cell.IsWhiteSpace();
        CsvCellProblem problem = CsvCellProblem.None;
        if (missing)
        {
            Set(ref features[0], Encoding.Fill);
        }
        else
        {
            problem = typeof(T) == typeof(double)
                ? CsvCellParser.ParseFeature(cell, out Unsafe.As<T, double>(ref features[0]))
                : CsvCellParser.ParseFeature(cell, out Unsafe.As<T, float>(ref features[0]));
        }

        if (Encoding.MissingIndicator)
        {
            Set(ref features[1], missing ? 1 : 0);
        }

        return problem;
    }
}
