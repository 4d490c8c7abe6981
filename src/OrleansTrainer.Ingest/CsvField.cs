namespace OrleansTrainer.Ingest;

/// <summary>One field of a CSV record, as a view into the buffered text.</summary>
internal readonly ref struct CsvField
{
    public CsvField(ReadOnlySpan<char> text, bool isQuoted, char? escapedQuote, long line, bool endsRecord)
    {
        Text = text;
        IsQuoted = isQuoted;
        EscapedQuote = escapedQuote;
        Line = line;
        EndsRecord = endsRecord;
    }

    /// <summary>The content: trimmed for an unquoted field; between the quotes, with "" escapes still doubled, for a quoted one.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>Whether the field was enclosed in double quotes.</summary>
    public bool IsQuoted { get; }

    /// <summary>The quote character when <see cref="Text"/> holds doubled quotes to undo; null when it holds none.</summary>
    public char? EscapedQuote { get; }

    /// <summary>Whether <see cref="Text"/> holds doubled quotes.</summary>
    public bool HasEscapedQuotes => EscapedQuote is not null;

    /// <summary>The physical line on which the field starts.</summary>
    public long Line { get; }

    /// <summary>Whether this is the last field of its record.</summary>
    public bool EndsRecord { get; }

    /// <summary>For the first field of a record: whether the record is a blank line (nothing but whitespace).</summary>
    public bool IsBlankLine => EndsRecord && !IsQuoted && Text.IsEmpty;

    /// <summary>The field's value as a string, with doubled quotes undone.</summary>
    public string ToValueString() => EscapedQuote is { } quote
        ? Text.ToString().Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal)
        : Text.ToString();
}
