using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

/// <summary>Sparse row chunks built from their parts, for the codec and batch tests.</summary>
internal static class SparseChunks
{
    public static ShardChunk Of(int[] pointers, int[] indices, float[] values, double[] labels, double[] weights, int columns) => new()
    {
        Rows = labels.Length,
        Columns = columns,
        FeatureType = FeatureType.SparseFloat32,
        RowPointers = new PackedVector { Bytes = DenseBuffers.ToBytes(pointers) },
        Indices = new PackedVector { Bytes = DenseBuffers.ToBytes(indices) },
        Features = new PackedVector { Bytes = DenseBuffers.ToBytes(values) },
        Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(labels) },
        Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(weights) },
    };

    /// <summary>Seeded rows over <paramref name="columns"/> columns, each with up to <paramref name="maxEntries"/> sorted distinct entries (some rows empty).</summary>
    public static ShardChunk Random(int rows, int columns, int maxEntries, bool weighted, int seed)
    {
        var random = new Random(seed);
        var pointers = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        for (var r = 0; r < rows; r++)
        {
            var row = Enumerable.Range(0, random.Next(maxEntries + 1)).Select(_ => random.Next(columns)).Distinct().Order().ToList();
            indices.AddRange(row);
            values.AddRange(row.Select(_ => (float)(random.NextDouble() * 4 - 2)));
            pointers.Add(indices.Count);
        }

        // The largest column is touched, so that the chunk's column count is exact.
        if (indices.Count == 0 || indices.Max() != columns - 1)
        {
            indices.Add(columns - 1);
            values.Add(1.5f);
            pointers[^1]++;
        }

        var labels = Enumerable.Range(0, rows).Select(_ => (double)random.Next(3)).ToArray();
        var weights = weighted ? Enumerable.Range(0, rows).Select(_ => random.NextDouble() + 0.5).ToArray() : [];
        return Of([.. pointers], [.. indices], [.. values], labels, weights, columns);
    }
}
