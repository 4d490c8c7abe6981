using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>
    /// Scores every row of <paramref name="dataset"/> with <paramref name="model"/> on the cluster: each shard scores its
    /// own rows and returns statistics (nothing else leaves the shards), merged in shard order.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset is missing, not ready, or its features are not the model's.</exception>
    public async Task<EvaluationMetrics> EvaluateAsync(LinearModel model, string dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var info = await GetDatasetAsync(dataset, cancellationToken);
        if (info.Status != DatasetStatus.Ready)
        {
            throw new ArgumentException(info.Status == DatasetStatus.None ? $"Dataset \"{dataset}\" does not exist." : $"Dataset \"{dataset}\" is still ingesting.");
        }

        ModelFit.RequireSameFeatures(model, info);
        var weights = new double[model.FeatureCount * model.Outputs];
        for (var k = 0; k < model.Outputs; k++)
        {
            model.WeightsOf(k).CopyTo(weights.AsSpan(k * model.FeatureCount));
        }

        var request = new EvaluationRequest
        {
            Spec = model.EvaluationSpec(dataset),
            Outputs = model.Outputs,
            Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(weights) },
            Intercepts = new PackedVector { Bytes = DenseBuffers.ToBytes(model.Intercepts) },
            Rows = EvaluationRows.All,
        };
        return await DatasetEvaluation.RunAsync(Cluster, info, request).WaitAsync(cancellationToken);
    }

    /// <summary>Scores every row of <paramref name="dataset"/> with the model of <paramref name="job"/> as it is now (see <see cref="EvaluateAsync(LinearModel, string, CancellationToken)"/>).</summary>
    public async Task<EvaluationMetrics> EvaluateJobAsync(string job, string dataset, CancellationToken cancellationToken = default) =>
        await EvaluateAsync(await GetModelAsync(job, cancellationToken), dataset, cancellationToken);
}
