using System.Buffers.Binary;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

/// <summary>A CSR dataset as the OTDS spec (shared/peers/README.md) lays it out, written and read back byte by byte.</summary>
public sealed record OtdsCsrTestFile(long Cols, long[] Pointers, int[] Indices, double[] Values, double[] Labels, bool IsFloat64)
{
    private const int HeaderBytes = 64;

    /// <summary>Random rows in the style of <c>peer_bench.py gen sparse</c>: each row draws <paramref name="draws"/> column ids, a column drawn twice becoming one entry holding the sum.</summary>
    public static OtdsCsrTestFile Random(int rows, int cols, int draws, int seed, bool isFloat64)
    {
        var random = new Random(seed);
        var pointers = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<double>();
        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = new SortedDictionary<int, double>();
            for (int k = 0; k < draws; k++)
            {
                int column = random.Next(cols);
                double value = (random.NextDouble() - 0.5) / Math.Sqrt(draws);
                row[column] = row.GetValueOrDefault(column) + (isFloat64 ? value : (float)value);
            }

            indices.AddRange(row.Keys);
            values.AddRange(row.Values.Select(v => isFloat64 ? v : (float)v));
            pointers.Add(indices.Count);
            labels[i] = random.Next(2);
        }

        return new OtdsCsrTestFile(cols, [.. pointers], [.. indices], [.. values], labels, isFloat64);
    }

    public long Rows => Labels.Length;

    public long Nnz => Indices.Length;

    public static long AlignUp(long offset) => (offset + 63) / 64 * 64;

    /// <summary>The file's bytes; the header fields can be overridden to write broken files.</summary>
    public byte[] ToBytes(uint kind = 2, long? rows = null, long? nnz = null)
    {
        int valueBytes = IsFloat64 ? 8 : 4;
        long indicesAt = AlignUp(HeaderBytes + ((Rows + 1) * 8));
        long valuesAt = AlignUp(indicesAt + (Nnz * 4));
        long labelsAt = AlignUp(valuesAt + (Nnz * valueBytes));
        var file = new byte[labelsAt + (Rows * 8)];
        Span<byte> bytes = file;
        "OTDS"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], kind);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[12..], IsFloat64 ? 2u : 1u);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[16..], rows ?? Rows);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], Cols);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[32..], nnz ?? Nnz);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[40..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[44..], 2);
        for (int i = 0; i < Pointers.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes[(HeaderBytes + (i * 8))..], Pointers[i]);
        }

        for (int k = 0; k < Nnz; k++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes[(int)(indicesAt + (k * 4))..], Indices[k]);
            if (IsFloat64)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[(int)(valuesAt + (k * 8))..], Values[k]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(int)(valuesAt + (k * 4))..], (float)Values[k]);
            }
        }

        for (int i = 0; i < Rows; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[(int)(labelsAt + (i * 8))..], Labels[i]);
        }

        return file;
    }

    /// <summary>Reads a whole CSR file into arrays, straight from the spec's offsets: the reference the streaming reader is held to.</summary>
    public static OtdsCsrTestFile Read(byte[] file)
    {
        ReadOnlySpan<byte> h = file;
        Assert.True(h[..4].SequenceEqual("OTDS"u8));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(h[8..]));
        bool isFloat64 = BinaryPrimitives.ReadUInt32LittleEndian(h[12..]) == 2;
        long rows = BinaryPrimitives.ReadInt64LittleEndian(h[16..]);
        long cols = BinaryPrimitives.ReadInt64LittleEndian(h[24..]);
        long nnz = BinaryPrimitives.ReadInt64LittleEndian(h[32..]);
        int valueBytes = isFloat64 ? 8 : 4;
        long indicesAt = AlignUp(HeaderBytes + ((rows + 1) * 8));
        long valuesAt = AlignUp(indicesAt + (nnz * 4));
        long labelsAt = AlignUp(valuesAt + (nnz * valueBytes));
        Assert.Equal(labelsAt + (rows * 8), file.LongLength);
        long[] pointers = new long[rows + 1];
        for (int i = 0; i <= rows; i++)
        {
            pointers[i] = BinaryPrimitives.ReadInt64LittleEndian(h[(HeaderBytes + (i * 8))..]);
        }

        int[] indices = new int[nnz];
        double[] values = new double[nnz];
        for (int k = 0; k < nnz; k++)
        {
            indices[k] = BinaryPrimitives.ReadInt32LittleEndian(h[(int)(indicesAt + (k * 4))..]);
            values[k] = isFloat64
                ? BinaryPrimitives.ReadDoubleLittleEndian(h[(int)(valuesAt + (k * 8))..])
                : BinaryPrimitives.ReadSingleLittleEndian(h[(int)(valuesAt + (k * 4))..]);
        }

        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = BinaryPrimitives.ReadDoubleLittleEndian(h[(int)(labelsAt + (i * 8))..]);
        }

        return new OtdsCsrTestFile(cols, pointers, indices, values, labels, isFloat64);
    }

    /// <summary>The rows as a reader should deliver them: float32 values, zeros dropped, weight 1.</summary>
    public List<SparseTestRow> ExpectedRows()
    {
        var rows = new List<SparseTestRow>();
        for (int i = 0; i < Rows; i++)
        {
            var range = Enumerable.Range((int)Pointers[i], (int)(Pointers[i + 1] - Pointers[i])).Where(k => (float)Values[k] != 0).ToArray();
            rows.Add(new SparseTestRow([.. range.Select(k => Indices[k])], [.. range.Select(k => (float)Values[k])], Labels[i], 1));
        }

        return rows;
    }
}
