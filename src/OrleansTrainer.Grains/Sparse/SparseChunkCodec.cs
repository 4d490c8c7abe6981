using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// The byte layout of a stored chunk of sparse rows: a 16-byte header (magic "OTS1", rows, entries, flags — bit 0: the
/// rows carry instance weights), then <c>rows + 1</c> int32 row offsets, the int32 column index and the float32 value
/// of each entry, the float64 labels and, when flagged, the float64 instance weights, all little-endian. Its CRC-32 is
/// kept in the shard's state as for dense chunks (<see cref="ChunkCodec.Checksum"/>).
/// </summary>
public static class SparseChunkCodec
{
    private const int HeaderBytes = 16;
    private const uint Magic = 0x3153544F; // "OTS1"
    private const int WeightsFlag = 1;

    /// <summary>Checks a sparse chunk's shape, offsets and indices, naming the first row that is wrong.</summary>
    /// <exception cref="ArgumentException">The chunk is not a valid block of sparse rows.</exception>
    public static void Validate(ShardChunk chunk)
    {
        var rows = chunk.Rows;
        if (rows <= 0)
        {
            throw new ArgumentException($"A chunk needs at least one row (got {rows}).");
        }

        var pointers = Ints(chunk.RowPointers);
        var indices = Ints(chunk.Indices);
        var values = MemoryMarshal.Cast<byte, float>(chunk.Features.Bytes.AsSpan());
        if (pointers.Length != rows + 1 || pointers[0] != 0 || pointers[rows] != indices.Length || values.Length != indices.Length
            || chunk.Features.Bytes.Length != indices.Length * sizeof(float) || chunk.Indices.Bytes.Length != indices.Length * sizeof(int)
            || chunk.Labels.Bytes.Length != rows * sizeof(double)
            || (chunk.Weights.Bytes.Length != 0 && chunk.Weights.Bytes.Length != rows * sizeof(double)))
        {
            throw new ArgumentException(
                $"The sparse chunk's buffers do not fit {rows} rows: {chunk.RowPointers.Bytes.Length} offset bytes, {chunk.Indices.Bytes.Length} index bytes, {chunk.Features.Bytes.Length} value bytes, {chunk.Labels.Bytes.Length} label bytes, {chunk.Weights.Bytes.Length} weight bytes.");
        }

        var maxColumn = -1;
        for (var r = 0; r < rows; r++)
        {
            if (pointers[r + 1] < pointers[r])
            {
                throw new ArgumentException($"Sparse chunk row {r}: its offsets decrease ({pointers[r]} then {pointers[r + 1]}).");
            }

            var previous = -1;
            for (var e = pointers[r]; e < pointers[r + 1]; e++)
            {
                if (indices[e] <= previous)
                {
                    throw new ArgumentException($"Sparse chunk row {r}: column index {indices[e]} follows {previous}; indices must be at least 0 and strictly increasing.");
                }

                if (!float.IsFinite(values[e]))
                {
                    throw new ArgumentException($"Sparse chunk row {r}: the value of column {indices[e]} is not finite.");
                }

                previous = indices[e];
            }

            maxColumn = Math.Max(maxColumn, previous);
        }

        if (chunk.Columns != maxColumn + 1)
        {
            throw new ArgumentException($"The sparse chunk says {chunk.Columns} columns but its largest column index is {maxColumn}.");
        }
    }

    /// <summary>Encodes a validated sparse chunk into the stored layout.</summary>
    public static byte[] Encode(ShardChunk chunk)
    {
        var parts = new[] { chunk.RowPointers.Bytes, chunk.Indices.Bytes, chunk.Features.Bytes, chunk.Labels.Bytes, chunk.Weights.Bytes };
        var bytes = new byte[HeaderBytes + parts.Sum(p => p.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), chunk.Rows);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), chunk.Indices.Bytes.Length / sizeof(int));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), chunk.Weights.Bytes.Length > 0 ? WeightsFlag : 0);
        var offset = HeaderBytes;
        foreach (var part in parts)
        {
            part.CopyTo(bytes, offset);
            offset += part.Length;
        }

        return bytes;
    }

    /// <summary>Decodes a stored sparse chunk into <paramref name="destination"/> after checking its checksum and shape.</summary>
    /// <exception cref="InvalidDataException">The stored bytes are missing, corrupted or of another shape.</exception>
    internal static void DecodeInto(ReadOnlySpan<byte> encoded, string where, uint expectedChecksum, int expectedRows, SparseRowsBuilder destination)
    {
        if (encoded.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(encoded) != Magic)
        {
            throw new InvalidDataException($"{where}: the stored chunk is missing or not a sparse row chunk.");
        }

        var actual = ChunkCodec.Checksum(encoded);
        if (actual != expectedChecksum)
        {
            throw new InvalidDataException($"{where}: checksum mismatch (stored data {actual:x8}, expected {expectedChecksum:x8}); the shard's rows are corrupted.");
        }

        var rows = BinaryPrimitives.ReadInt32LittleEndian(encoded[4..]);
        var entries = BinaryPrimitives.ReadInt32LittleEndian(encoded[8..]);
        var hasWeights = (BinaryPrimitives.ReadInt32LittleEndian(encoded[12..]) & WeightsFlag) != 0;
        var pointerBytes = (rows + 1) * sizeof(int);
        var vectorBytes = rows * sizeof(double);
        if (rows != expectedRows || hasWeights != destination.Weighted
            || encoded.Length != HeaderBytes + pointerBytes + entries * (sizeof(int) + sizeof(float)) + vectorBytes * (hasWeights ? 2 : 1))
        {
            throw new InvalidDataException($"{where}: the stored chunk holds {rows} sparse rows with {entries} entries (weights: {hasWeights}), expected {expectedRows} rows.");
        }

        var body = encoded[HeaderBytes..];
        var pointers = MemoryMarshal.Cast<byte, int>(body[..pointerBytes]);
        body = body[pointerBytes..];
        var indices = MemoryMarshal.Cast<byte, int>(body[..(entries * sizeof(int))]);
        body = body[(entries * sizeof(int))..];
        var values = MemoryMarshal.Cast<byte, float>(body[..(entries * sizeof(float))]);
        body = body[(entries * sizeof(float))..];
        var labels = MemoryMarshal.Cast<byte, double>(body[..vectorBytes]);
        var weights = hasWeights ? MemoryMarshal.Cast<byte, double>(body.Slice(vectorBytes, vectorBytes)) : [];
        destination.Append(pointers, indices, values, labels, weights);
    }

    private static ReadOnlySpan<int> Ints(PackedVector vector) => DenseBuffers.AsInts(vector.Bytes);
}
