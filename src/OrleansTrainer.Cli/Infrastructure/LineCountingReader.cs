namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>A text reader that counts the line breaks it hands out, so a progress display can show rows read so far.</summary>
public sealed class LineCountingReader(TextReader inner) : TextReader
{
    private long _lines;

    /// <summary>Line breaks read so far.</summary>
    public long Lines => Interlocked.Read(ref _lines);

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
        return read.Length;
    }
}
