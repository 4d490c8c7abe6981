using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.RecoveryBench;

/// <summary>A seeded dense regression dataset, columns of different offsets and scales (so standardization matters), ingested from memory.</summary>
internal static class SyntheticDataset
{
    /// <summary>Generates rows × cols float32 features and y = x·w + 3 + noise, and ingests them into <paramref name="shards"/> shards.</summary>
    public static Task<Abstractions.DatasetInfo> IngestAsync(TrainerClient client, string name, int rows, int cols, int shards, int seed = 42)
    {
        var random = new Random(seed);
        var trueWeights = Enumerable.Range(0, cols).Select(j => (j % 2 == 0 ? 1.0 : -0.5) / (1 + j)).ToArray();
        var features = new float[rows * cols];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            double y = 3;
            for (var j = 0; j < cols; j++)
            {
                var x = (float)(0.5 * j + (1 + j) * (2 * random.NextDouble() - 1));
                features[i * cols + j] = x;
                y += trueWeights[j] * x;
            }

            labels[i] = y + 0.1 * (2 * random.NextDouble() - 1);
        }

        var names = Enumerable.Range(0, cols).Select(j => $"x{j}").ToArray();
        return client.CreateDatasetAsync(name, new InMemoryRowReader(names, "y", features, labels), new IngestOptions { ShardCount = shards });
    }
}
