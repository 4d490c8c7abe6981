namespace OrleansTrainer.Ingest;

/// <summary>
/// The rule for blank lines in CSV data, in one place for every reader of rows and for every part of a file the silos
/// read: blank lines before the first record (the header, or the first row of a file without one) and after the last
/// record are allowed and not counted; a blank line between two records is refused, naming its line, unless the reader
/// was asked to skip such lines (<see cref="CsvIngestOptions.SkipBlankLines"/>), which it then counts
/// (<see cref="Skipped"/>). A part of a file learns from its <see cref="CsvPartPosition"/> whether the file holds records
/// before and after it, so a blank line at a part's edge is judged as in the whole file.
/// </summary>
internal sealed class CsvBlankLines(string sourceName, bool skip, bool recordBefore, bool recordAfter)
{
    private bool _recordSeen = recordBefore;
    private long _pending;
    private long _firstPendingLine;

    /// <summary>The blank lines between records skipped so far.</summary>
    public long Skipped { get; private set; }

    /// <summary>A blank line on <paramref name="line"/>; judged when what follows it is known.</summary>
    public void Blank(long line)
    {
        if (_recordSeen && _pending++ == 0)
        {
            _firstPendingLine = line;
        }
    }

    /// <summary>A record begins: the blank lines before it, if a record came before them, are between records.</summary>
    /// <exception cref="CsvFormatException">Blank lines are between records and are not to be skipped; the first is named.</exception>
    public void Record()
    {
        Settle();
        _recordSeen = true;
    }

    /// <summary>The input ends: the blank lines before its end are between records only if the file holds more after it.</summary>
    /// <exception cref="CsvFormatException">They are, and are not to be skipped; the first is named.</exception>
    public void End()
    {
        if (recordAfter)
        {
            Settle();
        }
    }

    private void Settle()
    {
        if (_pending == 0)
        {
            return;
        }

        if (!skip)
        {
            throw new CsvFormatException(sourceName, _firstPendingLine, null, null,
                "blank line between records; remove it, or skip blank lines (CsvIngestOptions.SkipBlankLines, otrain dataset upload --skip-blank-lines)");
        }

        Skipped += _pending;
        _pending = 0;
    }
}
