namespace OrleansTrainer.Ingest;

/// <summary>How a CSV file separates and quotes its fields. Numbers always use '.' as the decimal point.</summary>
public sealed record CsvDialect
{
    /// <summary>Comma-separated, double-quoted: RFC 4180.</summary>
    public static CsvDialect Default { get; } = new();

    /// <summary>The field separator: ',' (default), ';', '\t' or '|'.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The quote character (default '"'); inside a quoted field it is written twice.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Checks that the delimiter is one of the four and the quote differs from it.</summary>
    /// <exception cref="ArgumentException">The delimiter is not ',', ';', '\t' or '|', or the quote is a delimiter, whitespace or a line break.</exception>
    public void Validate()
    {
        if (Delimiter is not (',' or ';' or '\t' or '|'))
        {
            throw new ArgumentException($"The delimiter must be ',', ';', '\\t' or '|', not '{Delimiter}'.");
        }

        if (Quote == Delimiter || char.IsWhiteSpace(Quote))
        {
            throw new ArgumentException($"The quote character cannot be '{Quote}': it must differ from the delimiter and not be whitespace.");
        }
    }
}
