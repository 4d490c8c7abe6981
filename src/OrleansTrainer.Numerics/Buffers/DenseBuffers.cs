using System.Runtime.InteropServices;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Vectors as little-endian bytes, the form large vectors travel in (Orleans copies a byte[] as one
/// block but encodes a double[] element by element). Reading back is a zero-copy reinterpretation.
/// </summary>
public static class DenseBuffers
{
    /// <summary>The values as 8 little-endian bytes each.</summary>
    /// <param name="values">The values.</param>
    /// <returns>A new array of 8 × values.Length bytes.</returns>
    public static byte[] ToBytes(ReadOnlySpan<double> values)
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(values).ToArray();
    }

    /// <summary>The values as 4 little-endian bytes each.</summary>
    /// <param name="values">The values.</param>
    /// <returns>A new array of 4 × values.Length bytes.</returns>
    public static byte[] ToBytes(ReadOnlySpan<float> values)
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(values).ToArray();
    }

    /// <summary>The values as 4 little-endian bytes each.</summary>
    /// <param name="values">The values.</param>
    /// <returns>A new array of 4 × values.Length bytes.</returns>
    public static byte[] ToBytes(ReadOnlySpan<int> values)
    {
        EnsureLittleEndian();
        return MemoryMarshal.AsBytes(values).ToArray();
    }

    /// <summary>The int32 values written by <see cref="ToBytes(ReadOnlySpan{int})"/>, without copying.</summary>
    /// <param name="bytes">A multiple of 4 bytes.</param>
    /// <returns>A view of the bytes as int32 values.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static ReadOnlySpan<int> AsInts(ReadOnlySpan<byte> bytes)
    {
        EnsureWhole(bytes.Length, sizeof(int));
        return MemoryMarshal.Cast<byte, int>(bytes);
    }

    /// <summary>The doubles written by <see cref="ToBytes(ReadOnlySpan{double})"/>, without copying.</summary>
    /// <param name="bytes">A multiple of 8 bytes.</param>
    /// <returns>A view of the bytes as doubles.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 8.</exception>
    public static ReadOnlySpan<double> AsDoubles(ReadOnlySpan<byte> bytes)
    {
        EnsureWhole(bytes.Length, sizeof(double));
        return MemoryMarshal.Cast<byte, double>(bytes);
    }

    /// <summary>The floats written by <see cref="ToBytes(ReadOnlySpan{float})"/>, without copying.</summary>
    /// <param name="bytes">A multiple of 4 bytes.</param>
    /// <returns>A view of the bytes as floats.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static ReadOnlySpan<float> AsFloats(ReadOnlySpan<byte> bytes)
    {
        EnsureWhole(bytes.Length, sizeof(float));
        return MemoryMarshal.Cast<byte, float>(bytes);
    }

    private static void EnsureWhole(int byteCount, int elementSize)
    {
        EnsureLittleEndian();
        if (byteCount % elementSize != 0)
        {
            throw new ArgumentException($"{byteCount} bytes is not a whole number of {elementSize}-byte values.", "bytes");
        }
    }

    // The wire format is little-endian; reinterpreting in place is only right on a little-endian CPU.
    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("DenseBuffers needs a little-endian CPU.");
        }
    }
}
