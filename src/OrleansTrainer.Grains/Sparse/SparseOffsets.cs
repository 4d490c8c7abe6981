using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Reads and checks the int32 offsets of a sparse pull or push.</summary>
internal static class SparseOffsets
{
    /// <summary>The offsets, after checking they are strictly increasing and inside a block of <paramref name="length"/> entries.</summary>
    /// <exception cref="ArgumentException">The buffer is not a list of strictly increasing offsets in range (the message starts with <paramref name="where"/>).</exception>
    public static ReadOnlySpan<int> Read(PackedVector offsets, int length, string where)
    {
        if (offsets.Bytes.Length % sizeof(int) != 0)
        {
            throw new ArgumentException($"{where}: {offsets.Bytes.Length} offset bytes are not a whole number of int32 values.");
        }

        var keys = DenseBuffers.AsInts(offsets.Bytes);
        var previous = -1;
        foreach (var key in keys)
        {
            if (key <= previous || key >= length)
            {
                throw new ArgumentException($"{where}: offset {key} after {previous} is out of order or outside the block's {length} entries.");
            }

            previous = key;
        }

        return keys;
    }

    /// <summary>The bytes of a list of offsets.</summary>
    public static PackedVector Pack(ReadOnlySpan<int> offsets) => new() { Bytes = DenseBuffers.ToBytes(offsets) };
}
