using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.RecoveryBench;

namespace OrleansTrainer.SoakBench;

/// <summary>The soak's datasets, of different shapes: two dense regression sets, a dense binary one and a sparse binary one, all seeded.</summary>
internal static class SoakDatasets
{
    /// <summary>Dense regression, 4,000 × 12 in 4 shards.</summary>
    public const string Regression = "soak-reg";

    /// <summary>Dense regression, 1,500 × 40 in 3 shards (wider than tall per shard).</summary>
    public const string Wide = "soak-wide";

    /// <summary>Dense binary classification, 3,000 × 10 in 3 shards.</summary>
    public const string Binary = "soak-bin";

    /// <summary>Sparse binary classification, 3,000 rows of 8 non-zeros among 500 features, in 4 shards.</summary>
    public const string Sparse = "soak-sparse";

    /// <summary>Every dataset's name.</summary>
    public static readonly string[] Names = [Regression, Wide, Binary, Sparse];

    /// <summary>Ingests all four.</summary>
    public static async Task IngestAsync(TrainerClient client)
    {
        await SyntheticDataset.IngestAsync(client, Regression, rows: 4000, cols: 12, shards: 4, seed: 1);
        await SyntheticDataset.IngestAsync(client, Wide, rows: 1500, cols: 40, shards: 3, seed: 2);
        await IngestBinaryAsync(client, rows: 3000, cols: 10, shards: 3);
        await IngestSparseAsync(client, rows: 3000, dimension: 500, perRow: 8, shards: 4);
    }

    private static Task IngestBinaryAsync(TrainerClient client, int rows, int cols, int shards)
    {
        var random = new Random(3);
        var features = new float[rows * cols];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            double z = 0.3;
            for (var j = 0; j < cols; j++)
            {
                var x = (float)(2 * random.NextDouble() - 1);
                features[i * cols + j] = x;
                z += (j % 3 == 0 ? 2.0 : -1.0) * x;
            }

            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }

        var names = Enumerable.Range(0, cols).Select(j => $"x{j}").ToArray();
        return client.CreateDatasetAsync(Binary, new InMemoryRowReader(names, "y", features, labels), new IngestOptions { ShardCount = shards });
    }

    private static Task IngestSparseAsync(TrainerClient client, int rows, int dimension, int perRow, int shards)
    {
        var random = new Random(4);
        var rowPointers = new long[rows + 1];
        var indices = new int[rows * perRow];
        var values = new float[rows * perRow];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var columns = new SortedSet<int>();
            while (columns.Count < perRow)
            {
                columns.Add(random.Next(dimension));
            }

            double z = 0;
            var k = i * perRow;
            foreach (var column in columns)
            {
                var x = (float)(random.NextDouble() + 0.5);
                indices[k] = column;
                values[k++] = x;
                z += (column % 2 == 0 ? 1.0 : -1.0) * x;
            }

            rowPointers[i + 1] = k;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }

        return client.CreateSparseDatasetAsync(Sparse, new InMemorySparseRowReader(dimension, rowPointers, indices, values, labels),
            new IngestOptions { ShardCount = shards });
    }
}
