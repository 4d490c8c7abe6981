namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>Hands out its text a few characters per read, the way slow streams do, and records its disposal.</summary>
internal sealed class ChunkedTextReader(string text, int chunkLength) : TextReader
{
    private int _position;

    public bool IsDisposed { get; private set; }

    public override int Read(Span<char> buffer)
    {
        int count = Math.Min(Math.Min(chunkLength, buffer.Length), text.Length - _position);
        text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
