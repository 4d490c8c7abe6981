using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.Sparse.SparseTestRows;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

public sealed class OtdsSparseRowReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("otds-sparse").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_row_matches_the_file_read_by_the_spec(bool isFloat64)
    {
        // The shape of `peer_bench.py gen sparse --rows 200 --dim 2^10 --nnz-per-row 5 --seed 3`, written here by the spec.
        OtdsCsrTestFile data = OtdsCsrTestFile.Random(rows: 200, cols: 1 << 10, draws: 5, seed: 3, isFloat64);
        byte[] bytes = data.ToBytes();
        string path = await WriteAsync("gen.otds", bytes);
        OtdsCsrTestFile reference = OtdsCsrTestFile.Read(bytes);
        using OtdsSparseRowReader reader = OtdsSparseRowReader.Open(path);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(data.ExpectedRows(), reference.ExpectedRows());
        Assert.Equal(reference.ExpectedRows(), rows);
        Assert.Equal((1024, "gen.otds"), (reader.Dimension, reader.SourceName));
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Rows_longer_than_the_buffers_and_files_longer_than_them_stream_whole()
    {
        OtdsCsrTestFile many = OtdsCsrTestFile.Random(rows: 9000, cols: 50, draws: 3, seed: 1, isFloat64: false);
        long[] pointers = [0, 70_000, 70_001];
        OtdsCsrTestFile wide = new(100_000, pointers, [.. Enumerable.Range(0, 70_000), 99_999], [.. Enumerable.Range(1, 70_001).Select(i => (double)i)], [1, 0], true);

        foreach (OtdsCsrTestFile data in new[] { many, wide })
        {
            using OtdsSparseRowReader reader = OtdsSparseRowReader.Open(await WriteAsync("big.otds", data.ToBytes()));
            Assert.Equal(data.ExpectedRows(), await ReadAllAsync(reader));
        }
    }

    [Fact]
    public async Task Explicit_zeros_are_dropped()
    {
        OtdsCsrTestFile data = new(4, [0, 3, 3], [0, 1, 3], [2, 0, -1], [1, 0], false);
        using OtdsSparseRowReader reader = OtdsSparseRowReader.Open(await WriteAsync("zeros.otds", data.ToBytes()));

        Assert.Equal([Row(1, (0, 2), (3, -1)), Row(0)], await ReadAllAsync(reader));
    }

    [Fact]
    public async Task A_file_without_rows_opens_and_is_refused_after_the_end()
    {
        using OtdsSparseRowReader reader = OtdsSparseRowReader.Open(await WriteAsync("empty.otds", new OtdsCsrTestFile(4, [0], [], [], [], false).ToBytes()));

        Assert.Empty(await ReadAllAsync(reader));
        Assert.Throws<InvalidDataException>(reader.EnsureHasRows);
    }

    public static TheoryData<string, OtdsCsrTestFile> BadRows() => new()
    {
        { "row 1: its end pointer 1 does not lie between its start 2", new(4, [0, 2, 1, 3], [0, 1, 2], [1, 1, 1], [0, 0, 0], false) },
        { "row 1: its end pointer 2 does not lie between its start 1 and nnz 3, which the last row must end at", new(4, [0, 1, 2], [0, 1, 2], [1, 1, 1], [0, 0], false) },
        { "row 0: its end pointer 4 does not lie between its start 0 and nnz 3", new(4, [0, 4, 3], [0, 1, 2], [1, 1, 1], [0, 0], false) },
        { "row 1: column id 4 is outside [0, 4)", new(4, [0, 1, 2], [0, 4], [1, 1], [0, 0], false) },
        { "row 0: column id -1 follows -1", new(4, [0, 1], [-1], [1], [0], false) },
        { "row 0: column id 1 follows 2; column ids must strictly increase", new(4, [0, 2], [2, 1], [1, 1], [0], false) },
        { "row 0: column id 2 follows 2", new(4, [0, 2], [2, 2], [1, 1], [0], false) },
        { "row 0: column 2 holds NaN, not a finite number", new(4, [0, 1], [2], [double.NaN], [0], false) },
        { "row 0: column 2 holds -Infinity, not a finite number", new(4, [0, 1], [2], [double.NegativeInfinity], [0], true) },
        { "row 0: column 2 holds 1E+39, beyond the float32 range", new(4, [0, 1], [2], [1e39], [0], true) },
        { "row 1: the label is NaN, not a finite number", new(4, [0, 0, 0], [], [], [0, double.NaN], false) },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task Rows_that_break_the_format_are_refused_with_their_row(string reason, OtdsCsrTestFile data)
    {
        string path = await WriteAsync("bad.otds", data.ToBytes());
        using OtdsSparseRowReader reader = OtdsSparseRowReader.Open(path);

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(reader));

        Assert.StartsWith($"{path}: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_and_sizes_that_do_not_fit_are_refused_on_open()
    {
        OtdsCsrTestFile data = new(4, [0, 1, 2], [0, 3], [1, 1], [0, 1], false);
        byte[] good = data.ToBytes();

        await AssertOpenFailsAsync([.. good.Take(40)], "shorter than the 64-byte OTDS header");
        await AssertOpenFailsAsync([.. "XXXX"u8, .. good.Skip(4)], "not an OTDS version 1 file");
        await AssertOpenFailsAsync(data.ToBytes(kind: 1), "kind 1, dtype 1; only CSR (kind 2) float32 or float64 datasets are read");
        await AssertOpenFailsAsync([.. good, 0], $"{good.Length + 1} bytes, which does not fit a CSR dataset of 2 rows and 2 float32 entries ({good.Length} bytes)");
        await AssertOpenFailsAsync(data.ToBytes(nnz: 1L << 60), "which does not fit a CSR dataset of 2 rows and 1152921504606846976 float32 entries.");
        await AssertOpenFailsAsync(data.ToBytes(rows: -1), "-1 rows x 4 columns with 2 entries is not a readable CSR dataset");
        await AssertOpenFailsAsync(new OtdsCsrTestFile(1L << 31, [0], [], [], [], false).ToBytes(), "2147483648 columns");
        await AssertOpenFailsAsync(new OtdsCsrTestFile(4, [1, 1], [0], [1], [0], false).ToBytes(), "the row pointers start at 1; they must start at 0");
    }

    private async Task AssertOpenFailsAsync(byte[] file, string reason)
    {
        string path = await WriteAsync("broken.otds", file);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => OtdsSparseRowReader.Open(path).Dispose());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private async Task<string> WriteAsync(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }
}
