using Microsoft.Win32.SafeHandles;

namespace OrleansTrainer.Ingest;

/// <summary>One section of an OTDS file, read front to back through a buffer of its own.</summary>
internal sealed class OtdsSection
{
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly byte[] _buffer;
    private readonly long _end;
    private long _next;
    private int _start;
    private int _count;

    /// <param name="file">The open file, shared with the other sections.</param>
    /// <param name="path">The file's path, for error messages.</param>
    /// <param name="offset">Where the section's unread bytes start.</param>
    /// <param name="length">How many bytes are left in the section.</param>
    /// <param name="bufferBytes">The most bytes buffered at a time, and so the most one <see cref="FillAsync"/> may ask for.</param>
    public OtdsSection(SafeFileHandle file, string path, long offset, long length, int bufferBytes)
    {
        _file = file;
        _path = path;
        _next = offset;
        _end = offset + length;
        _buffer = new byte[(int)Math.Min(bufferBytes, length)];
    }

    /// <summary>Reads ahead, as far as the buffer allows, unless <paramref name="bytes"/> are already buffered.</summary>
    /// <exception cref="InvalidDataException">The file ends before the section does (it shrank after it was opened).</exception>
    public async ValueTask FillAsync(int bytes, CancellationToken cancellationToken)
    {
        if (_count >= bytes)
        {
            return;
        }

        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count);
        _start = 0;
        int wanted = (int)Math.Min(_buffer.Length - _count, _end - _next);
        while (wanted > 0)
        {
            int read = await RandomAccess.ReadAsync(_file, _buffer.AsMemory(_count, wanted), _next, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException($"{_path}: the file ends at byte {_next}, inside a section that runs to {_end}.");
            }

            _count += read;
            _next += read;
            wanted -= read;
        }

        if (_count < bytes)
        {
            throw new InvalidDataException($"{_path}: a section ends at byte {_end}, before the data it should hold.");
        }
    }

    /// <summary>Takes the next <paramref name="bytes"/> buffered bytes, which <see cref="FillAsync"/> has made available.</summary>
    public ReadOnlySpan<byte> Take(int bytes)
    {
        var taken = _buffer.AsSpan(_start, bytes);
        _start += bytes;
        _count -= bytes;
        return taken;
    }
}
