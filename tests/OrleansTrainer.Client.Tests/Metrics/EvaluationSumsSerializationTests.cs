using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Sums survive Orleans serialization, as they travel from shard to trainer.</summary>
public sealed class EvaluationSumsSerializationTests
{
    [Theory]
    [InlineData("linear_large_mean_weighted")]
    [InlineData("logistic_close_scores_weighted")]
    [InlineData("softmax4_weighted")]
    public void Sums_finish_to_the_same_metrics_after_a_round_trip(string name)
    {
        var serializer = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(EvaluationSums).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var reference = SklearnReferences.Case(name);
        var sums = reference.Sums(0, reference.Count);

        var copy = serializer.Deserialize<EvaluationSums>(serializer.SerializeToArray(sums));

        Assert.NotNull(copy);
        Assert.Equal(sums.Labels, copy.Labels);
        Assert.Equal(sums.Residuals, copy.Residuals);
        Assert.Equal(sums.Confusion, copy.Confusion);
        Assert.Equal(sums.Scores.Scores.Bytes, copy.Scores.Scores.Bytes);
        var expected = EvaluationAccumulator.Finish(sums);
        var actual = EvaluationAccumulator.Finish(copy);
        Assert.Equal(expected.Present(), actual.Present());
        Assert.Equal(expected.AucErrorBound, actual.AucErrorBound);
    }
}
