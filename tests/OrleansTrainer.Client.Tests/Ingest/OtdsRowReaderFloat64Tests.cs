using System.Buffers.Binary;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class OtdsRowReaderFloat64Tests
{
    [Fact]
    public async Task A_float64_file_delivers_its_doubles_exactly()
    {
        double[] features = [0.1, 1e39, double.Epsilon, -123456.78901234567, double.MaxValue, -0.0];
        using var file = new TempFile(DenseFile(features, labels: [1, 2, 3]));
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);

        List<(double[] Features, double Label)> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal(features.Select(BitConverter.DoubleToInt64Bits), rows.SelectMany(row => row.Features).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal([1.0, 2.0, 3.0], rows.Select(row => row.Label));
        Assert.Equal((3L, 1.0), (reader.RowsRead, reader.CurrentWeight));
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task A_float32_file_widens_exactly()
    {
        float[] features = [0.1f, float.MaxValue, float.Epsilon, -3.3f];
        using var file = new TempFile(DenseFile(features, labels: [5, 6]));
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);

        List<(double[] Features, double Label)> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal(features.Select(f => BitConverter.DoubleToInt64Bits(f)), rows.SelectMany(row => row.Features).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal([5.0, 6.0], rows.Select(row => row.Label));
    }

    [Fact]
    public async Task A_float64_file_rounds_to_float32_for_the_float32_reader()
    {
        using var file = new TempFile(DenseFile(features: [0.1, 16777217], labels: [5]));
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);
        var row = new float[2];

        Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));
        Assert.Equal([0.1f, 16777216f], row);
        Assert.False(await reader.ReadRowAsync(row, CancellationToken.None));
    }

    [Fact]
    public async Task A_float64_value_beyond_float32_is_refused_only_by_the_float32_reader()
    {
        using var file = new TempFile(DenseFile(features: [1, 1e39], labels: [5]));
        using (OtdsRowReader wide = OtdsRowReader.Open(file.Path))
        {
            Assert.Equal(1e39, Assert.Single(await ReadAllAsFloat64Async(wide)).Features[1]);
        }

        using OtdsRowReader narrow = OtdsRowReader.Open(file.Path);
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await narrow.ReadRowAsync(new float[2], CancellationToken.None));
        Assert.StartsWith("OTDS row 0:", error.Message);
    }

    [Fact]
    public async Task A_not_finite_double_is_refused_naming_its_row()
    {
        using var file = new TempFile(DenseFile(features: [1, 2, 3, double.NaN], labels: [5, 6]));
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);
        var row = new double[2];

        Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadRowAsync(row, CancellationToken.None));

        Assert.StartsWith("OTDS row 1:", error.Message);
        Assert.Equal(1, reader.RowsRead);
    }

    [Fact]
    public async Task Rows_beyond_one_buffer_are_read_in_order()
    {
        const int rows = 5_000;
        double[] features = [.. Enumerable.Range(0, rows).Select(i => i + 0.1)];
        double[] labels = [.. Enumerable.Range(0, rows).Select(i => (double)-i)];
        using var file = new TempFile(DenseFile(features, labels));
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);

        List<(double[] Features, double Label)> read = await ReadAllAsFloat64Async(reader);

        Assert.Equal(features, read.Select(row => row.Features[0]));
        Assert.Equal(labels, read.Select(row => row.Label));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Reading_buffered_rows_allocates_nothing(bool float32File, bool readAsFloat32)
    {
        const int rows = 1_000;
        double[] values = [.. Enumerable.Range(0, rows * 3).Select(i => i * 0.25)];
        byte[] bytes = float32File ? DenseFile([.. values.Select(v => (float)v)], new double[rows]) : DenseFile(values, new double[rows]);
        using var file = new TempFile(bytes);
        using OtdsRowReader reader = OtdsRowReader.Open(file.Path);
        var wide = new double[3];
        var narrow = new float[3];
        Assert.True(readAsFloat32 ? await reader.ReadRowAsync(narrow, CancellationToken.None) : await reader.ReadRowAsync(wide, CancellationToken.None));

        Assert.Equal(0, await SteadyStateAllocation.LeastBytesPerRunAsync(rows - 1,
            () => readAsFloat32 ? reader.ReadRowAsync(narrow, CancellationToken.None) : reader.ReadRowAsync(wide, CancellationToken.None)));
        Assert.Equal(values[^3..], readAsFloat32 ? narrow.Select(f => (double)f) : wide);
    }

    private static async Task<List<(double[] Features, double Label)>> ReadAllAsFloat64Async(OtdsRowReader reader)
    {
        var rows = new List<(double[], double)>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add(([.. features], reader.CurrentLabel));
        }

        return rows;
    }

    private static byte[] DenseFile(float[] features, double[] labels) =>
        DenseFile(features.Length / labels.Length, labels, dtype: 1, sizeof(float), (span, i) => BinaryPrimitives.WriteSingleLittleEndian(span, features[i]), features.Length);

    private static byte[] DenseFile(double[] features, double[] labels) =>
        DenseFile(features.Length / labels.Length, labels, dtype: 2, sizeof(double), (span, i) => BinaryPrimitives.WriteDoubleLittleEndian(span, features[i]), features.Length);

    /// <summary>A dense OTDS file of <paramref name="labels"/>.Length rows: 64-byte header, X, then y at the next multiple of 64.</summary>
    private static byte[] DenseFile(int cols, double[] labels, uint dtype, int valueBytes, SpanAction<byte, int> writeFeature, int featureCount)
    {
        int labelsAt = (64 + (featureCount * valueBytes) + 63) / 64 * 64;
        var file = new byte[labelsAt + (labels.Length * sizeof(double))];
        BinaryPrimitives.WriteUInt32LittleEndian(file, 0x5344544F);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), dtype);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), labels.Length);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(24), cols);
        for (int i = 0; i < featureCount; i++)
        {
            writeFeature(file.AsSpan(64 + (i * valueBytes)), i);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(labelsAt + (i * sizeof(double))), labels[i]);
        }

        return file;
    }

    private delegate void SpanAction<T, in TArg>(Span<T> span, TArg arg);

    /// <summary>A temporary file holding some bytes, deleted on disposal.</summary>
    private sealed class TempFile : IDisposable
    {
        public TempFile(byte[] bytes)
        {
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; } = System.IO.Path.GetTempFileName();

        public void Dispose() => File.Delete(Path);
    }
}
