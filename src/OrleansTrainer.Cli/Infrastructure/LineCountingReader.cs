namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>
/// A text reader over a file that counts the line breaks it hands out and records how far into the file it has read,
/// so a progress display can show rows and bytes read so far. Both are written by the reading thread as it reads, so
/// the display never touches the file, which the reader's owner may have closed.
/// </summary>
public sealed class LineCountingReader(StreamReader inner) : TextReader
{
    private long _lines;
    private long _bytes;

    /// <summary>Line breaks read so far.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Bytes of the file read so far (the stream's position after the last read).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <inheritdoc />
    public override int Peek() => inner.Peek();

    /// <inheritdoc />
    public override int Read()
    {
        var c = inner.Read();
        if (c == '\n')
        {
            Interlocked.Increment(ref _lines);
        }

        return c;
    }

    /// <inheritdoc />
    public override int Read(Span<char> buffer) => Count(buffer[..inner.Read(buffer)]);

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span[..read]);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(ReadOnlySpan<char> read)
    {
        Interlocked.Add(ref _lines, read.Count('\n'));
        if (inner.BaseStream.CanSeek)
        {
            Interlocked.Exchange(ref _bytes, inner.BaseStream.Position);
        }

        return read.Length;
    }
}
