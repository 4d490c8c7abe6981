using System.Globalization;
using OrleansTrainer.Abstractions;
using Xunit.Abstractions;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Every metric of every model family matches scikit-learn's on the same predictions, with and without weights.</summary>
public sealed class SklearnMetricTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Cases() => SklearnReferences.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Metrics_match_scikit_learn(string name)
    {
        var reference = SklearnReferences.Case(name);
        var metrics = reference.Metrics();

        Assert.Equal(reference.Count, metrics.Rows);
        Assert.Equal(reference.Expected.Keys.Where(k => k != nameof(EvaluationMetrics.AucErrorBound)).Order(),
            metrics.Present().Select(p => p.Metric.ToString()).Order());
        foreach (var deviation in MetricDeviation.All(reference, metrics).Where(d => d.Metric != nameof(MetricKind.Auc)))
        {
            Assert.True(deviation.Relative <= Tolerance, $"{name} {deviation}: {deviation.Relative:0.00e+00} relative");
        }

        Assert.Equal(reference.ConfusionMatrix.Length, metrics.ConfusionMatrix.Length);
        Assert.All(reference.ConfusionMatrix.Zip(metrics.ConfusionMatrix), pair => Assert.Equal(pair.First, pair.Second, 1e-12));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Auc_lies_within_its_bound_of_scikit_learn_and_is_exact_when_no_bin_mixes_scores(string name)
    {
        var reference = SklearnReferences.Case(name);
        if (!reference.Expected.TryGetValue(nameof(MetricKind.Auc), out double expected))
        {
            return;
        }

        var metrics = reference.Metrics();
        double bound = metrics.AucErrorBound!.Value;
        Assert.True(Math.Abs(metrics.Auc!.Value - expected) <= bound + (Tolerance * expected), $"{name}: AUC {metrics.Auc} vs {expected}, bound {bound}");
        if (reference.ExactAuc || bound == 0.0)
        {
            Assert.Equal(0.0, bound);
            Assert.Equal(expected, metrics.Auc!.Value, 1e-12 * expected);
        }
    }

    [Fact]
    public void Every_model_family_is_checked_with_and_without_weights()
    {
        foreach (var kind in Enum.GetValues<ModelKind>())
        {
            Assert.Contains(SklearnReferences.Cases, c => c.Model == kind && c.Weights is null);
            Assert.Contains(SklearnReferences.Cases, c => c.Model == kind && c.Weights is not null);
        }

        Assert.Contains(SklearnReferences.Cases, c => c.Model == ModelKind.SoftmaxRegression && c.Outputs == 3);
        Assert.Contains(SklearnReferences.Cases, c => c.Model == ModelKind.SoftmaxRegression && c.Outputs == 4);
    }

    [Fact]
    public void The_largest_deviation_of_each_metric_from_scikit_learn_is_within_tolerance()
    {
        var worst = SklearnReferences.Cases
            .SelectMany(c => MetricDeviation.All(c, c.Metrics()).Select(d => (Case: c.Name, Deviation: d)))
            .GroupBy(x => x.Deviation.Metric)
            .Select(g => g.MaxBy(x => x.Deviation.Relative))
            .OrderBy(x => x.Deviation.Metric, StringComparer.Ordinal)
            .ToList();
        foreach (var (name, deviation) in worst)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{deviation.Metric,-18} {deviation.Relative:0.00e+00}  ({name})"));
        }

        Assert.All(worst.Where(x => x.Deviation.Metric != nameof(MetricKind.Auc)), x => Assert.True(x.Deviation.Relative <= Tolerance, x.ToString()));
    }
}
