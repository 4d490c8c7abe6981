using System.Globalization;

namespace OrleansTrainer.Ingest;

/// <summary>Parses cells as finite numbers, invariant culture, and says why a cell is refused.</summary>
internal static class CsvCellParser
{
    private const NumberStyles Style = NumberStyles.Float;
    private const int LongestTextShown = 40;

    /// <summary>Parses a feature cell as float32, rounded once, straight from the decimal text.</summary>
    public static CsvCellProblem ParseFeature(ReadOnlySpan<char> text, out float value)
    {
        bool parsed = float.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
        return parsed && float.IsFinite(value)
            ? CsvCellProblem.None
            : Classify(text, parsed, float.IsInfinity(value), CsvCellProblem.OutOfFloat32Range);
    }

    /// <summary>Parses a feature cell as float64, rounded once, straight from the decimal text; the float32 range does not apply.</summary>
    public static CsvCellProblem ParseFeature(ReadOnlySpan<char> text, out double value) => ParseFloat64(text, out value);

    /// <summary>Parses a label cell as float64.</summary>
    public static CsvCellProblem ParseLabel(ReadOnlySpan<char> text, out double value) => ParseFloat64(text, out value);

    /// <summary>Parses a weight cell as float64; a weight must be finite and at least 0.</summary>
    public static CsvCellProblem ParseWeight(ReadOnlySpan<char> text, out double value)
    {
        bool parsed = double.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
        if (!parsed)
        {
            return Classify(text, parsed, isInfinity: false, CsvCellProblem.OutOfFloat64Range);
        }

        return double.IsFinite(value) && value >= 0 ? CsvCellProblem.None : CsvCellProblem.InvalidWeight;
    }

    /// <summary>The reason shown to the user for <paramref name="problem"/> in a cell holding <paramref name="text"/>.</summary>
    public static string Describe(CsvCellProblem problem, string text) => problem switch
    {
        CsvCellProblem.Empty => "empty cell",
        CsvCellProblem.Unparseable => $"cannot parse \"{Shorten(text)}\" as a number",
        CsvCellProblem.DecimalComma => $"\"{Shorten(text)}\": decimal commas are not read; use '.'",
        CsvCellProblem.UnknownCategory => $"unknown category \"{Shorten(text)}\": not seen in training, and the column has no {Abstractions.ColumnEncoding.OtherCategory} bucket",
        CsvCellProblem.NotFinite => $"\"{Shorten(text)}\" is not a finite number",
        CsvCellProblem.OutOfFloat32Range => $"\"{Shorten(text)}\" is out of float32 range",
        CsvCellProblem.OutOfFloat64Range => $"\"{Shorten(text)}\" is out of float64 range",
        CsvCellProblem.InvalidWeight => $"weight must be a finite number >= 0, not {Shorten(text)}",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "not a problem"),
    };

    private static CsvCellProblem ParseFloat64(ReadOnlySpan<char> text, out double value)
    {
        bool parsed = double.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
        return parsed && double.IsFinite(value)
            ? CsvCellProblem.None
            : Classify(text, parsed, double.IsInfinity(value), CsvCellProblem.OutOfFloat64Range);
    }

    private static CsvCellProblem Classify(ReadOnlySpan<char> text, bool parsed, bool isInfinity, CsvCellProblem outOfRange)
    {
        if (text.IsWhiteSpace())
        {
            return CsvCellProblem.Empty;
        }

        if (!parsed)
        {
            return IsDecimalComma(text) ? CsvCellProblem.DecimalComma : CsvCellProblem.Unparseable;
        }

        // TryParse turns a finite decimal too large for the type into an infinity; only those have digits.
        return isInfinity && text.IndexOfAnyInRange('0', '9') >= 0 ? outOfRange : CsvCellProblem.NotFinite;
    }

    /// <summary>Whether <paramref name="text"/> is digits, one comma and digits (a sign first allowed): a number with a decimal comma.</summary>
    private static bool IsDecimalComma(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> unsigned = text.TrimStart("+-");
        int comma = unsigned.IndexOf(',');
        return comma > 0 && comma < unsigned.Length - 1
            && !unsigned[..comma].ContainsAnyExceptInRange('0', '9')
            && !unsigned[(comma + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    private static string Shorten(string text) => text.Length <= LongestTextShown ? text : string.Concat(text.AsSpan(0, LongestTextShown), "…");
}
