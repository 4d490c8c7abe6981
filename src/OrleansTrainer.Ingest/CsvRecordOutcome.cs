namespace OrleansTrainer.Ingest;

/// <summary>The result of trying to take one record from the buffered text.</summary>
internal enum CsvRecordOutcome
{
    /// <summary>A record was read and consumed.</summary>
    Record,

    /// <summary>A blank line was consumed.</summary>
    BlankLine,

    /// <summary>The buffered text ends inside the record; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>No input is left.</summary>
    EndOfInput,
}
