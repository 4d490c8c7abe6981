using System.Buffers.Binary;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

public class SparseChunkCodecTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EncodeThenDecode_TwoChunks_GiveTheSameRows(bool weighted)
    {
        var first = SparseChunks.Random(5, 40, 6, weighted, seed: 1);
        var second = SparseChunks.Random(7, 40, 6, weighted, seed: 2);
        SparseChunkCodec.Validate(first);
        SparseChunkCodec.Validate(second);
        var builder = new SparseRowsBuilder(12, weighted);

        Decode(first, builder);
        Decode(second, builder);
        var rows = builder.Build(40);

        var matrix = rows.Sparse!;
        Assert.Equal(12, matrix.Rows);
        Assert.Equal(40, matrix.Cols);
        var firstPointers = Ints(first.RowPointers);
        var secondPointers = Ints(second.RowPointers);
        Assert.Equal([.. firstPointers.Select(p => (long)p), .. secondPointers.Skip(1).Select(p => (long)p + firstPointers[^1])], matrix.RowPointers.ToArray());
        Assert.Equal([.. Ints(first.Indices), .. Ints(second.Indices)], matrix.Indices.ToArray());
        Bits.Identical([.. DenseBuffers.AsFloats(first.Features.Bytes), .. DenseBuffers.AsFloats(second.Features.Bytes)], matrix.Values);
        Bits.Identical([.. DenseBuffers.AsDoubles(first.Labels.Bytes), .. DenseBuffers.AsDoubles(second.Labels.Bytes)], rows.Labels);
        Bits.Identical([.. DenseBuffers.AsDoubles(first.Weights.Bytes), .. DenseBuffers.AsDoubles(second.Weights.Bytes)], rows.Weights);
    }

    [Fact]
    public void Encode_WritesTheDocumentedLayout()
    {
        var c = SparseChunks.Of([0, 2, 2, 3], [1, 4, 0], [0.5f, -1f, 2f], [1, 0, 1], [2, 3, 4], columns: 5);
        var bytes = SparseChunkCodec.Encode(c);

        Assert.Equal("OTS1"u8.ToArray(), bytes[..4]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(16 + (4 * 4) + (3 * 4) + (3 * 4) + (3 * 8) + (3 * 8), bytes.Length);
        Assert.Equal([.. c.RowPointers.Bytes, .. c.Indices.Bytes, .. c.Features.Bytes, .. c.Labels.Bytes, .. c.Weights.Bytes], bytes[16..]);
    }

    [Fact]
    public void Decode_RefusesEveryFlippedByte()
    {
        var bytes = SparseChunkCodec.Encode(SparseChunks.Random(3, 10, 3, true, seed: 3));
        var checksum = ChunkCodec.Checksum(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupted = (byte[])bytes.Clone();
            corrupted[i] ^= 0x01;
            var error = Assert.Throws<InvalidDataException>(
                () => SparseChunkCodec.DecodeInto(corrupted, "shard t chunk 2", checksum, 3, new SparseRowsBuilder(3, true)));
            Assert.StartsWith("shard t chunk 2: ", error.Message);
            Assert.True(error.Message.Contains("checksum mismatch") || error.Message.Contains("not a sparse row chunk"), error.Message);
        }
    }

    [Fact]
    public void Decode_RefusesATruncatedChunk()
    {
        var full = SparseChunkCodec.Encode(SparseChunks.Of([0, 2, 3], [1, 4, 0], [0.5f, -1f, 2f], [1, 0], [], columns: 5));
        foreach (var kept in new[] { 0, 10, 16, 20, full.Length - 8, full.Length - 1 })
        {
            var truncated = full[..kept];
            var error = Assert.Throws<InvalidDataException>(() => SparseChunkCodec.DecodeInto(
                truncated, "here", ChunkCodec.Checksum(truncated), 2, new SparseRowsBuilder(2, false)));
            Assert.Contains(kept < 16 ? "missing or not a sparse row chunk" : "holds 2 sparse rows with 3 entries (weights: False), expected 2 rows", error.Message);
        }
    }

    [Fact]
    public void Decode_RefusesAChunkOfAnotherShape()
    {
        var bytes = SparseChunkCodec.Encode(SparseChunks.Of([0, 2, 3], [1, 4, 0], [0.5f, -1f, 2f], [1, 0], [], columns: 5));
        var checksum = ChunkCodec.Checksum(bytes);

        Assert.Contains("expected 3 rows", Assert.Throws<InvalidDataException>(
            () => SparseChunkCodec.DecodeInto(bytes, "here", checksum, 3, new SparseRowsBuilder(3, false))).Message);
        Assert.Contains("(weights: False)", Assert.Throws<InvalidDataException>(
            () => SparseChunkCodec.DecodeInto(bytes, "here", checksum, 2, new SparseRowsBuilder(2, true))).Message);
        Assert.Contains("not a sparse row chunk", Assert.Throws<InvalidDataException>(() =>
        {
            var dense = ChunkCodec.Encode(DenseChunk.Random(2, 3, FeatureType.Float32, false, seed: 1).Chunk);
            SparseChunkCodec.DecodeInto(dense, "here", ChunkCodec.Checksum(dense), 2, new SparseRowsBuilder(2, false));
        }).Message);
    }

    [Fact]
    public void Validate_RefusesMalformedChunksNamingTheRow()
    {
        void Refused(ShardChunk chunk, string expected) =>
            Assert.Contains(expected, Assert.Throws<ArgumentException>(() => SparseChunkCodec.Validate(chunk)).Message);

        Refused(SparseChunks.Of([0], [], [], [], [], 1), "at least one row (got 0)");
        Refused(SparseChunks.Of([0, 2, 1], [1, 4], [1f, 2f], [0, 0], [], 5), "do not fit 2 rows");
        Refused(SparseChunks.Of([1, 2, 3], [1, 4, 0], [1f, 2f, 3f], [0, 0], [], 5), "do not fit 2 rows");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f], [0, 0], [], 5), "do not fit 2 rows");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f, 3f], [0], [], 5), "do not fit 1 rows: 12 offset bytes");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f, 3f], [0, 0], [1], 5), "8 weight bytes");
        Refused(SparseChunks.Of([0, 2, 1, 3], [1, 4, 0], [1f, 2f, 3f], [0, 0, 0], [], 5), "row 1: its offsets decrease (2 then 1)");
        Refused(SparseChunks.Of([0, 1, 3], [1, 4, 4], [1f, 2f, 3f], [0, 0], [], 5), "row 1: column index 4 follows 4");
        Refused(SparseChunks.Of([0, 2, 3], [4, 1, 0], [1f, 2f, 3f], [0, 0], [], 5), "row 0: column index 1 follows 4");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, -1], [1f, 2f, 3f], [0, 0], [], 5), "row 1: column index -1 follows -1");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, float.NaN, 3f], [0, 0], [], 5), "row 0: the value of column 4 is not finite");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f, float.PositiveInfinity], [0, 0], [], 5), "row 1: the value of column 0 is not finite");
        Refused(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f, 3f], [0, 0], [], 6), "says 6 columns but its largest column index is 4");
        SparseChunkCodec.Validate(SparseChunks.Of([0, 2, 3], [1, 4, 0], [1f, 2f, 3f], [0, 0], [], 5));
    }

    private static void Decode(ShardChunk chunk, SparseRowsBuilder builder)
    {
        var bytes = SparseChunkCodec.Encode(chunk);
        SparseChunkCodec.DecodeInto(bytes, "test chunk", ChunkCodec.Checksum(bytes), chunk.Rows, builder);
    }

    private static int[] Ints(PackedVector vector) => DenseBuffers.AsInts(vector.Bytes).ToArray();
}
