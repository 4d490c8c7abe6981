using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// Scores a dataset with a model on the cluster: every shard scores its rows and returns statistics, merged in shard
/// order, so the metrics are the same bits whoever asks (the trainer validating, a client evaluating).
/// </summary>
public static class DatasetEvaluation
{
    /// <summary>The metrics of <paramref name="request"/>'s model on <paramref name="dataset"/>'s rows it selects.</summary>
    public static async Task<EvaluationMetrics> RunAsync(IGrainFactory grains, DatasetInfo dataset, EvaluationRequest request)
    {
        var sums = await Task.WhenAll(Enumerable.Range(0, dataset.ShardCount).Select(s => grains.DataShard(dataset.Name, s).EvaluateAsync(request)));
        return EvaluationAccumulator.Finish(EvaluationAccumulator.Merge(sums));
    }
}
