using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Each model has a default metric among its own, and each metric a direction.</summary>
public sealed class MetricChoiceTests
{
    [Theory]
    [InlineData(ModelKind.LinearRegression, MetricKind.Rmse)]
    [InlineData(ModelKind.HuberRegression, MetricKind.Rmse)]
    [InlineData(ModelKind.PoissonRegression, MetricKind.Rmse)]
    [InlineData(ModelKind.LogisticRegression, MetricKind.LogLoss)]
    [InlineData(ModelKind.SoftmaxRegression, MetricKind.LogLoss)]
    [InlineData(ModelKind.LinearSvm, MetricKind.Accuracy)]
    public void The_default_metric_is_one_the_model_has(ModelKind model, MetricKind metric)
    {
        int outputs = model == ModelKind.SoftmaxRegression ? 3 : 1;
        var accumulator = EvaluationAccumulator.Create(new JobSpec { Model = model }, outputs);
        accumulator.Add(new double[outputs], 1.0, 1.0);

        Assert.Equal(metric, EvaluationAccumulator.DefaultMetric(model));
        Assert.NotNull(EvaluationAccumulator.Finish(accumulator.ToSums()).Value(metric));
    }

    [Fact]
    public void Losses_and_errors_are_lower_is_better_the_scores_higher()
    {
        MetricKind[] lower = [MetricKind.Loss, MetricKind.Rmse, MetricKind.Mae, MetricKind.LogLoss];

        Assert.All(Enum.GetValues<MetricKind>(), m => Assert.Equal(!lower.Contains(m), EvaluationAccumulator.HigherIsBetter(m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationAccumulator.HigherIsBetter((MetricKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationAccumulator.DefaultMetric((ModelKind)99));
    }
}
