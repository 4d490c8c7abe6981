using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.Sparse.SparseTestRows;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

public sealed class InMemorySparseRowReaderTests
{
    [Fact]
    public async Task Rows_come_back_with_explicit_zeros_dropped()
    {
        var reader = new InMemorySparseRowReader(5, rowPointers: [0, 2, 2, 5], indices: [1, 4, 0, 2, 3], values: [1.5f, -2, 7, 0, 8], labels: [1, 0, 1]);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([Row(1, (1, 1.5f), (4, -2)), Row(0), Row(1, (0, 7), (3, 8))], rows);
        Assert.Equal(5, reader.Dimension);
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Weights_are_delivered_per_row_and_64_bit_pointers_are_accepted()
    {
        var reader = new InMemorySparseRowReader(3, rowPointers: new long[] { 0, 1, 2 }, indices: [0, 2], values: [1, 2], labels: [5, 6], weights: [0.5, 0]);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([0.5, 0.0], rows.Select(r => r.Weight));
    }

    [Fact]
    public void No_rows_is_refused_after_the_end()
    {
        var reader = new InMemorySparseRowReader(3, rowPointers: [0], indices: [], values: [], labels: []);

        Assert.Throws<ArgumentException>(reader.EnsureHasRows);
    }

    public static TheoryData<string, Func<InMemorySparseRowReader>> InvalidInputs() => new()
    {
        { "row pointers do not delimit 2 rows", () => new InMemorySparseRowReader(3, [0, 1], [0], [1], [1, 2]) },
        { "2 values do not match 1 indices", () => new InMemorySparseRowReader(3, [0, 1], [0], [1, 2], [1]) },
        { "must run from 0 to 2", () => new InMemorySparseRowReader(3, [1, 2], [0, 1], [1, 2], [1]) },
        { "Row 0: row pointers 0 .. 3", () => new InMemorySparseRowReader(3, [0, 3, 2], [0, 1], [1, 2], [1, 2]) },
        { "Row 1: index 3 is outside [0, 3)", () => new InMemorySparseRowReader(3, [0, 1, 2], [0, 3], [1, 2], [1, 2]) },
        { "Row 0: index -1 is outside", () => new InMemorySparseRowReader(3, [0, 1], [-1], [1], [1]) },
        { "Row 0: index 1 follows 1", () => new InMemorySparseRowReader(3, [0, 2], [1, 1], [1, 2], [1]) },
        { "Row 0: index 0 follows 2", () => new InMemorySparseRowReader(3, [0, 2], [2, 0], [1, 2], [1]) },
        { "Row 0, index 2: the value is NaN", () => new InMemorySparseRowReader(3, [0, 1], [2], [float.NaN], [1]) },
        { "Row 0, index 2: the value is -Infinity", () => new InMemorySparseRowReader(3, [0, 1], [2], [float.NegativeInfinity], [1]) },
        { "Row 1: the label is Infinity", () => new InMemorySparseRowReader(3, [0, 0, 0], [], [], [1, double.PositiveInfinity]) },
        { "1 weights do not match 2 rows", () => new InMemorySparseRowReader(3, [0, 0, 0], [], [], [1, 2], [1]) },
        { "Row 1: the weight is -1", () => new InMemorySparseRowReader(3, [0, 0, 0], [], [], [1, 2], [1, -1]) },
        { "Row 0: the weight is NaN", () => new InMemorySparseRowReader(3, [0, 0], [], [], [1], [double.NaN]) },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_refused_with_its_row(string reason, Func<InMemorySparseRowReader> create)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => create());

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemorySparseRowReader(0, [0], [], [], []));
}
