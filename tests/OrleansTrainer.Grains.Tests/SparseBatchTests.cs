using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

public class SparseBatchTests
{
    public static TheoryData<int, bool, bool> Cases()
    {
        var data = new TheoryData<int, bool, bool>();
        foreach (var dimension in new[] { 60, 1_000_000 }) // many entries for the width (renumbered by a map), few (by sorting)
        {
            foreach (var selected in new[] { false, true })
            {
                foreach (var permuted in new[] { false, true })
                {
                    data.Add(dimension, selected, permuted);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void From_HoldsTheSelectedRowsEntryForEntry(int dimension, bool selected, bool permuted)
    {
        var rows = Rows(weighted: true, seed: dimension);
        int[]? picked = selected ? [7, 2, 2, 19, 0] : null;
        var permutation = permuted ? FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Hash, Seed = 5 }, dimension) : null;

        var batch = SparseBatch.From(rows, picked, dimension, permutation);

        var order = picked ?? Enumerable.Range(0, rows.Rows).ToArray();
        Assert.Equal(order.Length, batch.Local.Rows);
        Assert.Equal(batch.Columns.Length, batch.Local.Cols);
        Assert.Equal(order.Select(r => rows.Labels[r]), batch.Labels);
        Assert.Equal(order.Select(r => rows.Weights[r]), batch.Weights);
        var expectedColumns = new SortedSet<int>();
        for (var i = 0; i < order.Length; i++)
        {
            var expected = Entries(rows.Sparse!, order[i], permutation);
            var local = batch.Local.RowIndices(i).ToArray();
            Assert.True(local.Zip(local.Skip(1)).All(pair => pair.First < pair.Second), $"row {i}: local columns not increasing");
            var actual = local.Select((c, e) => (batch.Columns[c], batch.Local.RowValues(i)[e])).ToArray();
            Assert.Equal(expected, actual);
            expectedColumns.UnionWith(expected.Select(entry => entry.Column));
        }

        Assert.Equal(expectedColumns, batch.Columns);
    }

    [Fact]
    public void From_RenumbersTheSameWayForWideAndNarrowModels()
    {
        var rows = Rows(weighted: false, seed: 3);

        var narrow = SparseBatch.From(rows, [4, 1, 9], 40, null);
        var wide = SparseBatch.From(rows, [4, 1, 9], 10_000_000, null);

        Assert.Equal(narrow.Columns, wide.Columns);
        Assert.Equal(narrow.Local.Indices.ToArray(), wide.Local.Indices.ToArray());
        Assert.Equal(narrow.Local.RowPointers.ToArray(), wide.Local.RowPointers.ToArray());
        Assert.Empty(narrow.Weights);
    }

    [Fact]
    public void From_RefusesDenseRows()
    {
        var dense = new ShardRows(2, 3, FeatureType.Float32, false);
        Assert.Throws<InvalidOperationException>(() => SparseBatch.From(dense, null, 3, null));
    }

    private static ShardRows Rows(bool weighted, int seed)
    {
        var chunk = SparseChunks.Random(24, 40, 7, weighted, seed);
        var matrix = new CsrMatrix(
            chunk.Rows,
            chunk.Columns,
            DenseBuffers.AsInts(chunk.RowPointers.Bytes).ToArray(),
            DenseBuffers.AsInts(chunk.Indices.Bytes).ToArray(),
            DenseBuffers.AsFloats(chunk.Features.Bytes).ToArray());
        return new ShardRows(matrix, DenseBuffers.AsDoubles(chunk.Labels.Bytes).ToArray(), DenseBuffers.AsDoubles(chunk.Weights.Bytes).ToArray());
    }

    /// <summary>A row's entries as (column, value), its columns mapped through π when given, sorted by column.</summary>
    private static (int Column, float Value)[] Entries(CsrMatrix matrix, int row, FeaturePermutation? permutation)
    {
        var values = matrix.RowValues(row).ToArray();
        return matrix.RowIndices(row).ToArray()
            .Select((j, e) => (permutation?.Map(j) ?? j, values[e]))
            .OrderBy(entry => entry.Item1)
            .ToArray();
    }
}
