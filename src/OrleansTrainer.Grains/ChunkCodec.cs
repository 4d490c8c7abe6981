using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The byte layout of a stored chunk of shard rows: a 16-byte header (magic "OTC1", rows, columns, flags — bit 0: the
/// rows carry instance weights; bit 1: the features are float64), then the features row-major (float32 unless
/// flagged), the float64 labels and, when flagged, the float64 instance weights, all little-endian. A CRC-32 of the whole value is kept in the
/// shard's state so a corrupted chunk is detected on reload.
/// </summary>
public static class ChunkCodec
{
    private const int HeaderBytes = 16;
    private const uint Magic = 0x3143544F; // "OTC1"
    private const int WeightsFlag = 1;
    private const int Float64Flag = 2;

    /// <summary>Checks a chunk's shape and byte counts, naming what is wrong.</summary>
    public static void Validate(ShardChunk chunk, int? expectedColumns)
    {
        if (chunk.Rows <= 0 || chunk.Columns <= 0)
        {
            throw new ArgumentException($"A chunk needs at least one row and one column (got {chunk.Rows} x {chunk.Columns}).");
        }

        if (expectedColumns is { } cols && cols != chunk.Columns)
        {
            throw new ArgumentException($"The chunk has {chunk.Columns} columns but the shard holds rows of {cols}.");
        }

        if (!Enum.IsDefined(chunk.FeatureType)
            || chunk.Features.Bytes.Length != (long)chunk.Rows * chunk.Columns * FeatureBytes(chunk.FeatureType)
            || chunk.Labels.Bytes.Length != (long)chunk.Rows * sizeof(double)
            || (chunk.Weights.Bytes.Length != 0 && chunk.Weights.Bytes.Length != (long)chunk.Rows * sizeof(double)))
        {
            throw new ArgumentException(
                $"The chunk's buffers do not match its shape {chunk.Rows} x {chunk.Columns}: {chunk.Features.Bytes.Length} feature bytes, {chunk.Labels.Bytes.Length} label bytes, {chunk.Weights.Bytes.Length} weight bytes.");
        }
    }

    /// <summary>Encodes a chunk into the stored layout.</summary>
    public static byte[] Encode(ShardChunk chunk)
    {
        var bytes = new byte[HeaderBytes + chunk.Features.Bytes.Length + chunk.Labels.Bytes.Length + chunk.Weights.Bytes.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), chunk.Rows);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), chunk.Columns);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12),
            (chunk.Weights.Bytes.Length > 0 ? WeightsFlag : 0) | (chunk.FeatureType == FeatureType.Float64 ? Float64Flag : 0));
        chunk.Features.Bytes.CopyTo(bytes, HeaderBytes);
        chunk.Labels.Bytes.CopyTo(bytes, HeaderBytes + chunk.Features.Bytes.Length);
        chunk.Weights.Bytes.CopyTo(bytes, HeaderBytes + chunk.Features.Bytes.Length + chunk.Labels.Bytes.Length);
        return bytes;
    }

    /// <summary>The checksum stored beside a chunk.</summary>
    public static uint Checksum(ReadOnlySpan<byte> encoded) => Crc32.HashToUInt32(encoded);

    /// <summary>Bytes of one feature value.</summary>
    public static int FeatureBytes(FeatureType type) => type == FeatureType.Float64 ? sizeof(double) : sizeof(float);

    /// <summary>
    /// Decodes a stored chunk into the destination at the given row offset, after checking its checksum and shape
    /// (features into the array of the stored type).
    /// </summary>
    /// <exception cref="InvalidDataException">The stored bytes are missing, corrupted or of another shape.</exception>
    internal static void DecodeInto(ReadOnlySpan<byte> encoded, string where, uint expectedChecksum, int expectedRows, ShardRows destination, long rowOffset)
    {
        if (encoded.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(encoded) != Magic)
        {
            throw new InvalidDataException($"{where}: the stored chunk is missing or not a row chunk.");
        }

        var actual = Checksum(encoded);
        if (actual != expectedChecksum)
        {
            throw new InvalidDataException($"{where}: checksum mismatch (stored data {actual:x8}, expected {expectedChecksum:x8}); the shard's rows are corrupted.");
        }

        var rows = BinaryPrimitives.ReadInt32LittleEndian(encoded[4..]);
        var cols = BinaryPrimitives.ReadInt32LittleEndian(encoded[8..]);
        var flags = BinaryPrimitives.ReadInt32LittleEndian(encoded[12..]);
        var hasWeights = (flags & WeightsFlag) != 0;
        var type = (flags & Float64Flag) != 0 ? FeatureType.Float64 : FeatureType.Float32;
        var featureBytes = rows * cols * FeatureBytes(type);
        var vectorBytes = rows * sizeof(double);
        if (rows != expectedRows || cols != destination.Columns || hasWeights != destination.Weights.Length > 0 || type != destination.FeatureType
            || encoded.Length != HeaderBytes + featureBytes + vectorBytes * (hasWeights ? 2 : 1))
        {
            throw new InvalidDataException(
                $"{where}: the stored chunk holds {rows} x {cols} {type} rows (weights: {hasWeights}), expected {expectedRows} x {destination.Columns} {destination.FeatureType}.");
        }

        var body = encoded[HeaderBytes..];
        var features = type == FeatureType.Float64
            ? MemoryMarshal.AsBytes(destination.Features64.AsSpan((int)(rowOffset * cols), rows * cols))
            : MemoryMarshal.AsBytes(destination.Features32.AsSpan((int)(rowOffset * cols), rows * cols));
        body[..featureBytes].CopyTo(features);
        body.Slice(featureBytes, vectorBytes).CopyTo(MemoryMarshal.AsBytes(destination.Labels.AsSpan((int)rowOffset, rows)));
        if (hasWeights)
        {
            body.Slice(featureBytes + vectorBytes, vectorBytes).CopyTo(MemoryMarshal.AsBytes(destination.Weights.AsSpan((int)rowOffset, rows)));
        }
    }
}
