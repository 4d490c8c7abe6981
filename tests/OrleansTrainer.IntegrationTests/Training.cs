using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Helpers that run a job to its end.</summary>
public static class Training
{
    /// <summary>Starts a job, waits for it and returns its final state and model.</summary>
    public static async Task<(JobStatusInfo Status, LinearModel Model)> RunAsync(TrainerClient client, JobSpec spec, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await client.StartJobAsync(spec, cts.Token);
        var status = await client.WaitForJobAsync(spec.Name, TimeSpan.FromMilliseconds(50), cts.Token);
        return (status, await client.GetModelAsync(spec.Name, cts.Token));
    }

    /// <summary>Ingests CSV text as a dataset.</summary>
    public static Task<DatasetInfo> IngestAsync(TrainerClient client, string name, string csv, string label, int shards, int chunkBytes = 4 << 20) =>
        client.CreateDatasetFromCsvAsync(name, new StringReader(csv), name + ".csv",
            new CsvIngestOptions { LabelColumn = label, ShardCount = shards, ChunkBytes = chunkBytes });

    /// <summary>The model's coefficients followed by its intercept.</summary>
    public static double[] Coefficients(LinearModel model) => [.. model.Weights.ToArray(), model.Intercept];

    /// <summary>Every output's weights, output by output, followed by the intercepts (softmax models included).</summary>
    public static double[] AllCoefficients(LinearModel model) =>
        [.. Enumerable.Range(0, model.Outputs).SelectMany(k => model.WeightsOf(k).ToArray()), .. model.Intercepts.ToArray()];

    /// <summary>A unique name for a test's job or dataset.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
