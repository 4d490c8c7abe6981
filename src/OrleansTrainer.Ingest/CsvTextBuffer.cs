namespace OrleansTrainer.Ingest;

/// <summary>
/// A growable window of characters read from a <see cref="TextReader"/>: <see cref="Pending"/> is the text read but
/// not yet consumed, which starts on physical line <see cref="NextLine"/>. The window grows only to hold a record
/// that does not fit, up to <see cref="MaxRecordLength"/> characters.
/// </summary>
internal sealed class CsvTextBuffer : IDisposable
{
    /// <summary>The longest record accepted, in characters; longer ones usually come from a quote left open.</summary>
    public const int MaxRecordLength = 1 << 24;

    private const int InitialCapacity = 1 << 16;
    private const char ByteOrderMark = '\uFEFF';

    private readonly TextReader _reader;
    private readonly string _sourceName;
    private char[] _chars = new char[InitialCapacity];
    private int _start;
    private int _end;
    private bool _filled;

    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The input's name in error messages.</param>
    /// <param name="firstLine">The physical line on which the text starts (a part of a file starts past line 1).</param>
    public CsvTextBuffer(TextReader reader, string sourceName, long firstLine = 1)
    {
        _reader = reader;
        _sourceName = sourceName;
        NextLine = firstLine;
    }

    /// <summary>The characters read and not yet consumed.</summary>
    public ReadOnlySpan<char> Pending => _chars.AsSpan(_start, _end - _start);

    /// <summary>Whether the reader is exhausted, so that <see cref="Pending"/> is all the input left.</summary>
    public bool IsEndOfInput { get; private set; }

    /// <summary>The physical line on which <see cref="Pending"/> starts.</summary>
    public long NextLine { get; private set; }

    /// <summary>Marks the first <paramref name="count"/> pending characters as consumed; the rest start on <paramref name="nextLine"/>.</summary>
    public void Consume(int count, long nextLine)
    {
        _start += count;
        NextLine = nextLine;
    }

    /// <summary>
    /// Reads until the buffer is full or the input ends, first moving the pending text to the front and, if it fills
    /// the whole buffer, doubling the buffer. A byte order mark at the start of the input is dropped.
    /// </summary>
    /// <exception cref="CsvFormatException">The pending text already fills <see cref="MaxRecordLength"/> characters.</exception>
    public async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        int pending = _end - _start;
        if (pending == _chars.Length)
        {
            if (_chars.Length >= MaxRecordLength)
            {
                throw new CsvFormatException(_sourceName, NextLine, null, null, $"a record is longer than {MaxRecordLength} characters (is a quote left open?)");
            }

            Array.Resize(ref _chars, Math.Min(_chars.Length * 2, MaxRecordLength));
        }
        else if (_start > 0)
        {
            Array.Copy(_chars, _start, _chars, 0, pending);
        }

        _start = 0;
        _end = pending;
        while (_end < _chars.Length)
        {
            int read = await _reader.ReadAsync(_chars.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                IsEndOfInput = true;
                break;
            }

            _end += read;
        }

        if (!_filled && Pending.StartsWith(ByteOrderMark))
        {
            _start = 1;
        }

        _filled = true;
    }

    /// <summary>Disposes the underlying reader.</summary>
    public void Dispose() => _reader.Dispose();
}
