namespace OrleansTrainer.Ingest;

/// <summary>
/// Splits buffered text into the fields of one RFC 4180 record: separators and quotes of a <see cref="CsvDialect"/>
/// (a quote inside a quoted field written twice; a quoted field may span lines), records ended by \n or \r\n,
/// whitespace around fields ignored (a tab only when it is not the separator). A field holding a NUL character is
/// refused: number parsing would ignore a trailing one ("2\0" read as 2), and text holding one is not CSV.
/// </summary>
/// <remarks>
/// The scanner never reads past the buffered text. When a field may continue beyond it, <see cref="Next"/> returns
/// <see cref="CsvScanStatus.NeedMoreData"/>: the caller reads more input and scans the record again from its start.
/// </remarks>
internal ref struct CsvRecordScanner
{
    private readonly ReadOnlySpan<char> _text;
    private readonly bool _isEndOfInput;
    private readonly char _delimiter;
    private readonly char _quote;
    private readonly bool _singleLineRecords;
    private int _position;
    private long _line;

    /// <param name="text">The buffered text, starting at the record.</param>
    /// <param name="isEndOfInput">Whether the input ends where <paramref name="text"/> ends.</param>
    /// <param name="line">The physical line on which the record starts.</param>
    /// <param name="dialect">The separator and the quote.</param>
    /// <param name="singleLineRecords">Whether a quoted field spanning lines is refused (<see cref="CsvScanStatus.QuotedLineBreak"/>): every record is one line.</param>
    public CsvRecordScanner(ReadOnlySpan<char> text, bool isEndOfInput, long line, CsvDialect dialect, bool singleLineRecords = false)
    {
        _singleLineRecords = singleLineRecords;
        _delimiter = dialect.Delimiter;
        _quote = dialect.Quote;
        _text = text;
        _isEndOfInput = isEndOfInput;
        _line = line;
    }

    /// <summary>Whether there is no record left: the input ends at the current position.</summary>
    public readonly bool IsAtEndOfInput => _isEndOfInput && _position == _text.Length;

    /// <summary>The characters scanned so far, including the terminator of the last field.</summary>
    public readonly int Consumed => _position;

    /// <summary>The physical line the next field starts on; after a whole record, the line after it.</summary>
    public readonly long Line => _line;

    /// <summary>Scans the next field of the record.</summary>
    public CsvScanStatus Next(out CsvField field)
    {
        long fieldLine = _line;
        int start = SkipBlanks(_position);
        return start < _text.Length && _text[start] == _quote
            ? NextQuoted(start, fieldLine, out field)
            : NextUnquoted(start, fieldLine, out field);
    }

    private CsvScanStatus NextUnquoted(int start, long fieldLine, out CsvField field)
    {
        int length = _text[start..].IndexOfAny(_delimiter, '\n', '\0');
        if (length >= 0 && _text[start + length] == '\0')
        {
            field = default;
            return CsvScanStatus.NulCharacter;
        }

        if (length < 0 && !_isEndOfInput)
        {
            field = default;
            return CsvScanStatus.NeedMoreData;
        }

        int end = length < 0 ? _text.Length : start + length;
        int contentEnd = end;
        while (contentEnd > start && IsBlank(_text[contentEnd - 1]))
        {
            contentEnd--;
        }

        ReadOnlySpan<char> content = _text[start..contentEnd];
        bool endsRecord = Terminate(end);
        field = new CsvField(content, isQuoted: false, escapedQuote: null, fieldLine, endsRecord);
        return CsvScanStatus.Field;
    }

    private CsvScanStatus NextQuoted(int openingQuote, long fieldLine, out CsvField field)
    {
        field = default;
        bool hasEscapedQuotes = false;
        int search = openingQuote + 1;
        int closingQuote;
        while (true)
        {
            int offset = _text[search..].IndexOf(_quote);
            if (offset < 0)
            {
                return !_isEndOfInput ? CsvScanStatus.NeedMoreData
                    : _singleLineRecords && _text[search..].Contains('\n') ? CsvScanStatus.QuotedLineBreak
                    : CsvScanStatus.UnterminatedQuote;
            }

            closingQuote = search + offset;
            if (closingQuote + 1 == _text.Length || _text[closingQuote + 1] != _quote)
            {
                break;
            }

            hasEscapedQuotes = true;
            search = closingQuote + 2;
        }

        int end = SkipBlanks(closingQuote + 1);
        if (end == _text.Length && !_isEndOfInput)
        {
            return CsvScanStatus.NeedMoreData;
        }

        if (end < _text.Length && _text[end] != _delimiter && _text[end] != '\n')
        {
            return CsvScanStatus.TextAfterClosingQuote;
        }

        ReadOnlySpan<char> content = _text[(openingQuote + 1)..closingQuote];
        if (content.Contains('\0'))
        {
            return CsvScanStatus.NulCharacter;
        }

        int lineBreaks = content.Count('\n');
        if (lineBreaks > 0 && _singleLineRecords)
        {
            return CsvScanStatus.QuotedLineBreak;
        }

        _line += lineBreaks;
        bool endsRecord = Terminate(end);
        field = new CsvField(content, isQuoted: true, hasEscapedQuotes ? _quote : null, fieldLine, endsRecord);
        return CsvScanStatus.Field;
    }

    /// <summary>Moves past the terminator at <paramref name="end"/> (a separator, a line feed, or the end of input) and says whether it ends the record.</summary>
    private bool Terminate(int end)
    {
        if (end < _text.Length && _text[end] == _delimiter)
        {
            _position = end + 1;
            return false;
        }

        _position = Math.Min(end + 1, _text.Length);
        _line++;
        return true;
    }

    /// <summary>Skips blanks (see <see cref="IsBlank"/>).</summary>
    private readonly int SkipBlanks(int position)
    {
        while (position < _text.Length && IsBlank(_text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>Whether <paramref name="c"/> is whitespace ignored around fields: a space, a tab that is not the separator, or a carriage return (that of a \r\n line end included).</summary>
    private readonly bool IsBlank(char c) => c is ' ' or '\r' || (c == '\t' && _delimiter != '\t');
}
