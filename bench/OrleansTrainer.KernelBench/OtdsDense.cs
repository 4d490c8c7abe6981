using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OrleansTrainer.KernelBench;

/// <summary>
/// A dense OTDS version 1 dataset (the peer tool's format, shared/peers/README.md) read whole into memory:
/// X row-major as <typeparamref name="T"/> (float32 or float64, as the file says) and the float64 labels.
/// </summary>
public sealed record OtdsDense<T>(T[] Features, double[] Labels, int Columns)
    where T : unmanaged
{
    private const int HeaderBytes = 64;

    public int Rows => Labels.Length;

    /// <summary>Bytes of X, the figure a pass over the features must read.</summary>
    public long FeatureBytes => (long)Features.Length * Marshal.SizeOf<T>();

    public static OtdsDense<T> Load(string path)
    {
        using var file = File.OpenHandle(path);
        var header = new byte[HeaderBytes];
        ReadExactly(file, header, 0);
        var h = header.AsSpan();
        var dtype = BinaryPrimitives.ReadUInt32LittleEndian(h[12..]);
        var expectedDtype = typeof(T) == typeof(float) ? 1u : typeof(T) == typeof(double) ? 2u : 0u;
        if (!h[..4].SequenceEqual("OTDS"u8) || BinaryPrimitives.ReadUInt32LittleEndian(h[4..]) != 1
            || BinaryPrimitives.ReadUInt32LittleEndian(h[8..]) != 1 || dtype != expectedDtype)
        {
            throw new InvalidDataException($"{path}: not a dense OTDS v1 file of {typeof(T).Name} features.");
        }

        var rows = checked((int)BinaryPrimitives.ReadInt64LittleEndian(h[16..]));
        var cols = checked((int)BinaryPrimitives.ReadInt64LittleEndian(h[24..]));
        var features = new T[checked(rows * cols)];
        var labels = new double[rows];
        var featureBytes = (long)features.Length * Marshal.SizeOf<T>();
        var labelOffset = AlignUp(HeaderBytes + featureBytes);
        if (RandomAccess.GetLength(file) != labelOffset + (long)rows * sizeof(double))
        {
            throw new InvalidDataException($"{path}: the file size does not match its header.");
        }

        ReadExactly(file, MemoryMarshal.AsBytes(features.AsSpan()), HeaderBytes);
        ReadExactly(file, MemoryMarshal.AsBytes(labels.AsSpan()), labelOffset);
        return new OtdsDense<T>(features, labels, cols);
    }

    private static long AlignUp(long offset) => (offset + 63) & ~63L;

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException("The OTDS file ends early.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
