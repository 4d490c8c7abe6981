using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A seeded synthetic sparse logistic dataset held in the test process: each row draws <c>perRow</c> distinct columns
/// of <c>dimension</c>, values in ±[0.5, 1.5), and a 0/1 label from a logistic model with a sparse true weight vector.
/// </summary>
public sealed class SparseData
{
    private SparseData(int dimension, int[] pointers, int[] indices, float[] values, double[] labels)
    {
        Dimension = dimension;
        Pointers = pointers;
        Indices = indices;
        Values = values;
        Labels = labels;
    }

    /// <summary>The feature count.</summary>
    public int Dimension { get; }

    /// <summary>rows + 1 offsets into <see cref="Indices"/> and <see cref="Values"/>.</summary>
    public int[] Pointers { get; }

    /// <summary>The column of each entry, increasing within a row.</summary>
    public int[] Indices { get; }

    /// <summary>The value of each entry.</summary>
    public float[] Values { get; }

    /// <summary>0/1 labels.</summary>
    public double[] Labels { get; }

    /// <summary>Rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>Generates the dataset.</summary>
    public static SparseData Generate(int rows, int dimension, int perRow, int seed)
    {
        var random = new Random(seed);
        var truth = new Dictionary<int, double>();
        var pointers = new int[rows + 1];
        var indices = new List<int>(rows * perRow);
        var values = new List<float>(rows * perRow);
        var labels = new double[rows];
        var columns = new SortedSet<int>();
        for (var r = 0; r < rows; r++)
        {
            columns.Clear();
            while (columns.Count < Math.Min(perRow, dimension))
            {
                columns.Add(random.Next(dimension));
            }

            var z = 0.0;
            foreach (var c in columns)
            {
                var value = (float)((random.Next(2) * 2 - 1) * (0.5 + random.NextDouble()));
                if (!truth.TryGetValue(c, out var w))
                {
                    truth[c] = w = random.NextDouble() < 0.3 ? TestData.Gaussian(random) : 0;
                }

                indices.Add(c);
                values.Add(value);
                z += w * value;
            }

            pointers[r + 1] = indices.Count;
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }

        return new SparseData(dimension, pointers, [.. indices], [.. values], labels);
    }

    /// <summary>
    /// The same rows with class ids 0..<paramref name="classes"/>−1 for labels: the 0/1 label plus the number of positive
    /// entries of the row, modulo K (learnable from the features, and every class present).
    /// </summary>
    public SparseData WithClasses(int classes)
    {
        var labels = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            var positive = 0;
            for (var e = Pointers[r]; e < Pointers[r + 1]; e++)
            {
                positive += Values[e] > 0 ? 1 : 0;
            }

            labels[r] = (Labels[r] + positive) % classes;
        }

        return new SparseData(Dimension, Pointers, Indices, Values, labels);
    }

    /// <summary>
    /// Ingests the rows twice, as a sparse dataset and as a dense one (features f0, f1, …), into the same number of
    /// shards (row i goes to shard i mod S either way); returns the two dataset names.
    /// </summary>
    public async Task<(string Sparse, string Dense)> IngestSparseAndDenseAsync(TrainerClient client, string prefix, int shards)
    {
        var sparse = Training.UniqueName($"{prefix}-sparse");
        var dense = Training.UniqueName($"{prefix}-dense");
        await client.CreateSparseDatasetAsync(sparse, Reader(), new IngestOptions { ShardCount = shards });
        var names = Enumerable.Range(0, Dimension).Select(j => $"f{j}").ToArray();
        await client.CreateDatasetAsync(dense, new InMemoryRowReader(names, "label", Dense(), Labels), new IngestOptions { ShardCount = shards });
        return (sparse, dense);
    }

    /// <summary>The rows as a sparse reader.</summary>
    public ISparseRowReader Reader() => new InMemorySparseRowReader(Dimension, Pointers, Indices, Values, Labels);

    /// <summary>The rows as dense float32 features, row-major.</summary>
    public float[] Dense()
    {
        var dense = new float[(long)Rows * Dimension];
        for (var r = 0; r < Rows; r++)
        {
            for (var e = Pointers[r]; e < Pointers[r + 1]; e++)
            {
                dense[(long)r * Dimension + Indices[e]] = Values[e];
            }
        }

        return dense;
    }

    /// <summary>The rows as LIBSVM text (1-based indices).</summary>
    public string LibSvm()
    {
        var text = new System.Text.StringBuilder();
        for (var r = 0; r < Rows; r++)
        {
            text.Append(Labels[r].ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var e = Pointers[r]; e < Pointers[r + 1]; e++)
            {
                text.Append(' ').Append(Indices[e] + 1).Append(':').Append(Values[e].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The gradient of the mean logistic loss at zero weights and zero intercept, for the given columns: Σ (½ − y) x / n.
    /// </summary>
    public double GradientAtZero(int column)
    {
        var sum = 0.0;
        for (var r = 0; r < Rows; r++)
        {
            var e = Array.BinarySearch(Indices, Pointers[r], Pointers[r + 1] - Pointers[r], column);
            if (e >= 0)
            {
                sum += (0.5 - Labels[r]) * Values[e];
            }
        }

        return sum / Rows;
    }
}
