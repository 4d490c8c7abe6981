using System.Buffers.Binary;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains.Tests;

public class ChunkCodecTests
{
    [Theory]
    [InlineData(FeatureType.Float32, false)]
    [InlineData(FeatureType.Float32, true)]
    [InlineData(FeatureType.Float64, false)]
    [InlineData(FeatureType.Float64, true)]
    public void EncodeThenDecode_AtRowOffsets_GivesTheSameBits(FeatureType type, bool weighted)
    {
        const int cols = 5;
        var first = DenseChunk.Random(3, cols, type, weighted, seed: 1);
        var second = DenseChunk.Random(4, cols, type, weighted, seed: 2);
        var rows = new ShardRows(7, cols, type, weighted);

        Decode(first.Chunk, rows, rowOffset: 0);
        Decode(second.Chunk, rows, rowOffset: 3);

        Bits.Identical([.. first.Features32, .. second.Features32], rows.Features32);
        Bits.Identical([.. first.Features64, .. second.Features64], rows.Features64);
        Bits.Identical([.. first.Labels, .. second.Labels], rows.Labels);
        Bits.Identical([.. first.Weights, .. second.Weights], rows.Weights);
    }

    [Theory]
    [InlineData(FeatureType.Float32, false, 0)]
    [InlineData(FeatureType.Float32, true, 1)]
    [InlineData(FeatureType.Float64, false, 2)]
    [InlineData(FeatureType.Float64, true, 3)]
    public void Encode_WritesTheDocumentedLayout(FeatureType type, bool weighted, int flags)
    {
        var c = DenseChunk.Random(3, 2, type, weighted, seed: 4).Chunk;
        var bytes = ChunkCodec.Encode(c);

        Assert.Equal("OTC1"u8.ToArray(), bytes[..4]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(flags, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal([.. c.Features.Bytes, .. c.Labels.Bytes, .. c.Weights.Bytes], bytes[16..]);
    }

    [Fact]
    public void Checksum_IsTheIeeeCrc32()
    {
        Assert.Equal(0xCBF43926u, ChunkCodec.Checksum("123456789"u8)); // the standard check value
        var bytes = ChunkCodec.Encode(DenseChunk.Random(9, 7, FeatureType.Float32, true, seed: 5).Chunk);
        Assert.Equal(NaiveCrc32.Compute(bytes), ChunkCodec.Checksum(bytes));
    }

    [Fact]
    public void Decode_RefusesEveryFlippedByte()
    {
        var c = DenseChunk.Random(2, 3, FeatureType.Float32, true, seed: 6).Chunk;
        var bytes = ChunkCodec.Encode(c);
        var checksum = ChunkCodec.Checksum(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupted = (byte[])bytes.Clone();
            corrupted[i] ^= 0x10;
            var error = Assert.Throws<InvalidDataException>(
                () => ChunkCodec.DecodeInto(corrupted, "shard s chunk 0", checksum, 2, new ShardRows(2, 3, FeatureType.Float32, true), 0));
            Assert.StartsWith("shard s chunk 0: ", error.Message);
            Assert.True(error.Message.Contains("checksum mismatch") || error.Message.Contains("not a row chunk"), error.Message);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(40)]
    [InlineData(72)]
    [InlineData(79)]
    public void Decode_RefusesATruncatedChunk(int keptBytes)
    {
        var full = ChunkCodec.Encode(DenseChunk.Random(2, 3, FeatureType.Float64, false, seed: 7).Chunk);
        Assert.Equal(80, full.Length);
        var truncated = full[..keptBytes];

        // With its own checksum the truncation passes the CRC, so the shape check must catch it.
        var error = Assert.Throws<InvalidDataException>(() => ChunkCodec.DecodeInto(
            truncated, "shard s chunk 1", ChunkCodec.Checksum(truncated), 2, new ShardRows(2, 3, FeatureType.Float64, false), 0));

        Assert.StartsWith("shard s chunk 1: ", error.Message);
        Assert.Contains(keptBytes < 16 ? "missing or not a row chunk" : "expected 2 x 3 Float64", error.Message);
    }

    [Fact]
    public void Decode_RefusesAChunkOfAnotherShape()
    {
        var bytes = ChunkCodec.Encode(DenseChunk.Random(2, 3, FeatureType.Float32, false, seed: 8).Chunk);
        var checksum = ChunkCodec.Checksum(bytes);

        void Refused(int expectedRows, ShardRows destination, string expected) =>
            Assert.Contains(expected, Assert.Throws<InvalidDataException>(
                () => ChunkCodec.DecodeInto(bytes, "here", checksum, expectedRows, destination, 0)).Message);

        Refused(3, new ShardRows(3, 3, FeatureType.Float32, false), "holds 2 x 3 Float32 rows (weights: False), expected 3 x 3 Float32");
        Refused(2, new ShardRows(2, 4, FeatureType.Float32, false), "expected 2 x 4 Float32");
        Refused(2, new ShardRows(2, 3, FeatureType.Float64, false), "expected 2 x 3 Float64");
        Refused(2, new ShardRows(2, 3, FeatureType.Float32, true), "(weights: False)");
    }

    [Fact]
    public void Validate_AcceptsAWellFormedChunk()
    {
        ChunkCodec.Validate(DenseChunk.Random(4, 3, FeatureType.Float32, true, seed: 9).Chunk, 3);
        ChunkCodec.Validate(DenseChunk.Random(4, 3, FeatureType.Float64, false, seed: 9).Chunk, null);
    }

    [Fact]
    public void Validate_RefusesMalformedChunksNamingTheProblem()
    {
        var good = DenseChunk.Random(4, 3, FeatureType.Float32, true, seed: 10).Chunk;

        void Refused(ShardChunk chunk, int? expectedColumns, string expected) =>
            Assert.Contains(expected, Assert.Throws<ArgumentException>(() => ChunkCodec.Validate(chunk, expectedColumns)).Message);

        Refused(With(good, rows: 0), null, "at least one row and one column (got 0 x 3)");
        Refused(With(good, cols: 0), null, "(got 4 x 0)");
        Refused(good, 5, "has 3 columns but the shard holds rows of 5");
        Refused(With(good, rows: 5), null, "do not match its shape 5 x 3: 48 feature bytes, 32 label bytes, 32 weight bytes");
        Refused(With(good, type: FeatureType.Float64), null, "do not match its shape 4 x 3");
        Refused(With(good, type: (FeatureType)7), null, "do not match its shape 4 x 3");
        Refused(new ShardChunk { Rows = 4, Columns = 3, Features = good.Features, Labels = good.Labels, Weights = new PackedVector { Bytes = new byte[8] } },
            null, "8 weight bytes");
    }

    private static ShardChunk With(ShardChunk c, int? rows = null, int? cols = null, FeatureType? type = null) => new()
    {
        Rows = rows ?? c.Rows,
        Columns = cols ?? c.Columns,
        FeatureType = type ?? c.FeatureType,
        Features = c.Features,
        Labels = c.Labels,
        Weights = c.Weights,
    };

    private static void Decode(ShardChunk chunk, ShardRows destination, long rowOffset)
    {
        var bytes = ChunkCodec.Encode(chunk);
        ChunkCodec.DecodeInto(bytes, "test chunk", ChunkCodec.Checksum(bytes), chunk.Rows, destination, rowOffset);
    }
}
