namespace OrleansTrainer.Ingest;

/// <summary>Where a reader's text lies in its file: the line it starts on, and whether the file holds records (a header or rows) before and after it.</summary>
/// <param name="FirstLine">The physical line on which the text starts.</param>
/// <param name="RecordsBefore">Whether the file holds a record before the text.</param>
/// <param name="RecordsAfter">Whether the file holds a record after the text.</param>
internal readonly record struct CsvPartPosition(long FirstLine, bool RecordsBefore, bool RecordsAfter)
{
    /// <summary>The whole file.</summary>
    public static CsvPartPosition Whole => new(1, RecordsBefore: false, RecordsAfter: false);

    /// <summary>
    /// The blank-line rule of a reader of this text whose header is <paramref name="header"/>: a header read at the file's
    /// start is a record before the rows.
    /// </summary>
    public CsvBlankLines BlankLines(CsvHeader header, string sourceName, bool skip) =>
        new(sourceName, skip, RecordsBefore || (FirstLine == 1 && header.Line > 0), RecordsAfter);
}
