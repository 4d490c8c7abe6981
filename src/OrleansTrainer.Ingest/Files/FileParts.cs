using System.Buffers;
using System.Text;

namespace OrleansTrainer.Ingest;

/// <summary>
/// A UTF-8 text file of one record per line, split into parts at line breaks so that several readers (the silos) read
/// it at once: where the parts start, how many records and lines each holds, and each part's text.
/// </summary>
/// <remarks>
/// A line is blank when it holds nothing but spaces, carriage returns and (unless the tab separates fields) tabs: the
/// CSV reader skips such lines, and <see cref="CountLines"/> does not count them as records. Counting only looks for
/// line feeds, so it runs at memory speed; the reader of each part checks that it read as many rows as counted.
/// </remarks>
public static class FileParts
{
    private const int BlockBytes = 1 << 20;
    private static readonly SearchValues<byte> BlanksAndTab = SearchValues.Create(" \r\t"u8);
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \r"u8);

    /// <summary>
    /// The byte offsets where the parts of <paramref name="path"/> start, and its length last: about
    /// <paramref name="parts"/> parts of equal size, each starting at the beginning of a line (fewer when lines are long).
    /// </summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file starts with a UTF-16 or UTF-32 byte order mark: only UTF-8 can be split.</exception>
    public static long[] Split(string path, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        Span<byte> head = stackalloc byte[2];
        if (RandomAccess.Read(file, head, 0) == 2 && head is [0xFF, 0xFE] or [0xFE, 0xFF])
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is UTF-16 or UTF-32 text: the silos read UTF-8 only; convert it, or upload it through the client.");
        }

        var starts = new List<long> { 0 };
        var buffer = new byte[1 << 16];
        for (var k = 1; k < parts; k++)
        {
            var start = NextLineStart(file, Math.Max(starts[^1], length * k / parts), length, buffer);
            if (start > starts[^1] && start < length)
            {
                starts.Add(start);
            }
        }

        starts.Add(length);
        return [.. starts];
    }

    /// <summary>
    /// The records (lines that are not blank, nor comments when <paramref name="comment"/> is given) and line feeds in
    /// bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="path"/>; <paramref name="delimiter"/>
    /// says whether a tab is blank (it is unless it separates fields).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="start">The part's first byte.</param>
    /// <param name="end">The byte after the part.</param>
    /// <param name="delimiter">The field separator.</param>
    /// <param name="comment">The character that makes a line whose first character (after blanks) it is a comment, not a record; null when none does.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LineCount CountLines(string path, long start, long end, char delimiter, char? comment = null)
    {
        var blanks = delimiter == '\t' ? Blanks : BlanksAndTab;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            long records = 0, lines = 0;
            var inContent = false;
            for (var offset = start; offset < end;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(BlockBytes, end - offset)), offset);
                if (read == 0)
                {
                    throw new IOException($"{Path.GetFileName(path)} ended at byte {offset}, before byte {end}: was it changed while being read?");
                }

                var span = buffer.AsSpan(0, read);
                var position = 0;
                while (position < span.Length)
                {
                    if (!inContent)
                    {
                        var content = span[position..].IndexOfAnyExcept(blanks);
                        if (content < 0)
                        {
                            break;
                        }

                        position += content;
                        if (span[position] == (byte)'\n')
                        {
                            lines++;
                            position++;
                            continue;
                        }

                        inContent = true;
                        records += span[position] == comment ? 0 : 1;
                    }

                    var lineFeed = span[position..].IndexOf((byte)'\n');
                    if (lineFeed < 0)
                    {
                        break;
                    }

                    position += lineFeed + 1;
                    lines++;
                    inContent = false;
                }

                offset += read;
            }

            return new LineCount(records, lines);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The text of bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="path"/>, decoded as UTF-8 (a byte order mark skipped at the file's start).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static TextReader OpenPart(string path, long start, long end) =>
        new StreamReader(new FilePartStream(path, start, end), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: start == 0, bufferSize: 1 << 16);

    /// <summary>The offset just past the first line feed at or after <paramref name="from"/> (the file's length when there is none).</summary>
    private static long NextLineStart(Microsoft.Win32.SafeHandles.SafeFileHandle file, long from, long length, byte[] buffer)
    {
        for (var offset = from; offset < length;)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                break;
            }

            var lineFeed = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (lineFeed >= 0)
            {
                return offset + lineFeed + 1;
            }

            offset += read;
        }

        return length;
    }
}

/// <summary>What <see cref="FileParts.CountLines"/> found in a part of a file.</summary>
/// <param name="Records">Lines that are not blank: the records of a one-record-per-line file (a header included).</param>
/// <param name="LineFeeds">Line feeds: the physical lines the part ends, so the next part starts on line 1 + the line feeds before it.</param>
public readonly record struct LineCount(long Records, long LineFeeds);
