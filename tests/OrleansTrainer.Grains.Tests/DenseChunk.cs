using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

/// <summary>Seeded dense row chunks and their values, for the codec tests.</summary>
internal sealed record DenseChunk(ShardChunk Chunk, float[] Features32, double[] Features64, double[] Labels, double[] Weights)
{
    public static DenseChunk Random(int rows, int cols, FeatureType type, bool weighted, int seed)
    {
        var random = new Random(seed);
        var features32 = type == FeatureType.Float32 ? Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray() : [];
        var features64 = type == FeatureType.Float64 ? Enumerable.Range(0, rows * cols).Select(_ => random.NextDouble() * 8 - 4).ToArray() : [];
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var weights = weighted ? Enumerable.Range(0, rows).Select(_ => random.NextDouble() + 0.1).ToArray() : [];
        var chunk = new ShardChunk
        {
            Rows = rows,
            Columns = cols,
            FeatureType = type,
            Features = new PackedVector { Bytes = type == FeatureType.Float64 ? DenseBuffers.ToBytes(features64) : DenseBuffers.ToBytes(features32) },
            Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(labels) },
            Weights = new PackedVector { Bytes = weighted ? DenseBuffers.ToBytes(weights) : [] },
        };
        return new DenseChunk(chunk, features32, features64, labels, weights);
    }
}
