using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Sums of rows split over shards and merged in shard order give the metrics of all the rows scored at once.</summary>
public sealed class EvaluationMergeTests
{
    public static TheoryData<string, int> Splits()
    {
        var data = new TheoryData<string, int>();
        foreach (var reference in SklearnReferences.Cases)
        {
            foreach (int parts in (int[])[1, 3, 7])
            {
                data.Add(reference.Name, parts);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void Merging_the_parts_in_order_gives_the_metrics_of_one_part(string name, int parts)
    {
        var reference = SklearnReferences.Case(name);

        // Parts of growing size: the first holds about n/parts^1.5 rows, the last the most.
        int[] bounds = [.. Enumerable.Range(0, parts + 1).Select(i => (int)Math.Round(reference.Count * Math.Pow((double)i / parts, 1.5)))];
        var sums = Enumerable.Range(0, parts).Select(i => reference.Sums(bounds[i], bounds[i + 1]));

        AssertSameMetrics(reference.Metrics(), EvaluationAccumulator.Finish(EvaluationAccumulator.Merge(sums)), 1e-12);
    }

    [Theory]
    [MemberData(nameof(SklearnReferences.Names), MemberType = typeof(SklearnReferences))]
    public void Empty_shards_change_nothing(string name)
    {
        var reference = SklearnReferences.Case(name);
        var empty = reference.Sums(0, 0);

        var merged = EvaluationAccumulator.Merge([empty, reference.Sums(0, reference.Count), empty]);

        AssertSameMetrics(reference.Metrics(), EvaluationAccumulator.Finish(merged), 0.0);
    }

    [Fact]
    public void Sums_of_different_models_or_class_counts_do_not_merge()
    {
        var linear = EvaluationAccumulator.Create(new JobSpec(), 1).ToSums();
        var logistic = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.LogisticRegression }, 1).ToSums();
        var softmax3 = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.SoftmaxRegression }, 3).ToSums();
        var softmax4 = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.SoftmaxRegression }, 4).ToSums();

        Assert.Throws<ArgumentException>(() => EvaluationAccumulator.Merge(linear, logistic));
        Assert.Throws<ArgumentException>(() => EvaluationAccumulator.Merge(softmax3, softmax4));
        Assert.Throws<InvalidOperationException>(() => EvaluationAccumulator.Merge([]));
    }

    private static void AssertSameMetrics(EvaluationMetrics expected, EvaluationMetrics actual, double tolerance)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        RelativeAssert.Equal(expected.WeightSum, actual.WeightSum, tolerance, nameof(EvaluationMetrics.WeightSum));
        Assert.Equal(expected.Present().Select(p => p.Metric), actual.Present().Select(p => p.Metric));
        foreach (var (metric, value) in expected.Present())
        {
            RelativeAssert.Equal(value, actual.Value(metric)!.Value, tolerance, metric.ToString());
        }

        Assert.Equal(expected.AucErrorBound.HasValue, actual.AucErrorBound.HasValue);
        RelativeAssert.Equal(expected.AucErrorBound ?? 0.0, actual.AucErrorBound ?? 0.0, tolerance, nameof(EvaluationMetrics.AucErrorBound));
        Assert.Equal(expected.Threshold, actual.Threshold);
        Assert.Equal(expected.Classes, actual.Classes);
        Assert.Equal(expected.ConfusionMatrix.Length, actual.ConfusionMatrix.Length);
        foreach (var (cell, value) in expected.ConfusionMatrix.Index())
        {
            RelativeAssert.Equal(value, actual.ConfusionMatrix[cell], tolerance, $"confusion cell {cell}");
        }
    }
}
