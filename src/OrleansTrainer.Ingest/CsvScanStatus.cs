namespace OrleansTrainer.Ingest;

/// <summary>What <see cref="CsvRecordScanner.Next"/> found.</summary>
internal enum CsvScanStatus
{
    /// <summary>A complete field.</summary>
    Field,

    /// <summary>The buffered text ends inside the field; read more input and scan the record again.</summary>
    NeedMoreData,

    /// <summary>The input ends inside a quoted field.</summary>
    UnterminatedQuote,

    /// <summary>A closing quote is followed by something other than a comma, a line end or whitespace.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted field spans lines where every record must be one line (a file split at line breaks).</summary>
    QuotedLineBreak,

    /// <summary>The field holds a NUL character.</summary>
    NulCharacter,
}
