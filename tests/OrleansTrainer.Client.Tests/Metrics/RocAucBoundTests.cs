using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>The histogram AUC lies within its stated bound of the exact AUC, the bound is 0 when no bin mixes scores, and tight.</summary>
public sealed class RocAucBoundTests
{
    [Fact]
    public void On_many_distinct_close_scores_the_bound_is_above_zero_and_holds()
    {
        var reference = SklearnReferences.Case("logistic_close_scores_weighted");
        var metrics = reference.Metrics();
        double error = Math.Abs(metrics.Auc!.Value - reference.Expected["Auc"]);

        Assert.InRange(metrics.AucErrorBound!.Value, 1e-5, 1e-2);
        Assert.True(error > 0.0, "the bins should mix scores here, so the AUC should not be exact");
        Assert.True(error <= metrics.AucErrorBound.Value, $"error {error} above the bound {metrics.AucErrorBound}");
    }

    [Theory]
    [InlineData(1, "close")]
    [InlineData(2, "close")]
    [InlineData(3, "normal")]
    [InlineData(4, "normal")]
    [InlineData(5, "grid")]
    [InlineData(6, "wide")]
    public void The_bound_holds_against_the_exact_pairwise_auc(int seed, string scores)
    {
        var random = new Random(seed);
        int n = 500;
        double[] z = [.. Enumerable.Range(0, n).Select(_ => scores switch
        {
            "close" => 1.0 + (1e-4 * random.NextDouble()),
            "normal" => Normal(random),
            "grid" => Math.Round(Normal(random) * 8.0) / 8.0,
            _ => Math.Exp(8.0 * Normal(random)) * (random.Next(2) == 0 ? -1.0 : 1.0),
        })];
        // Labels that follow the scores' ranks: P(label 1) from 0.2 for the lowest score to 0.8 for the highest.
        int[] ranks = new int[n];
        foreach (var (rank, row) in Enumerable.Range(0, n).OrderBy(i => z[i]).Index())
        {
            ranks[row] = rank;
        }

        double[] labels = [.. ranks.Select(r => random.NextDouble() < 0.2 + (0.6 * r / n) ? 1.0 : 0.0)];
        double[] weights = [.. z.Select(_ => 0.1 + random.NextDouble())];

        var metrics = Score(ModelKind.LinearSvm, z, labels, weights);
        double exact = PairwiseAuc(z, labels, weights);

        Assert.True(Math.Abs(metrics.Auc!.Value - exact) <= metrics.AucErrorBound!.Value + 1e-12,
            $"AUC {metrics.Auc} vs exact {exact}, bound {metrics.AucErrorBound}");
        if (scores == "grid")
        {
            Assert.Equal(0.0, metrics.AucErrorBound.Value);
            Assert.Equal(exact, metrics.Auc.Value, 1e-12);
        }
    }

    [Fact]
    public void Distinct_scores_in_one_bin_meet_the_bound_exactly()
    {
        // 1 + 1e-12 and 1 round to the same float32: one bin, which the histogram counts a tie (½) but which is 1.
        var metrics = Score(ModelKind.LinearSvm, [1.0 + 1e-12, 1.0], [1.0, 0.0], [1.0, 1.0]);

        Assert.Equal(0.5, metrics.Auc);
        Assert.Equal(0.5, metrics.AucErrorBound);
    }

    [Fact]
    public void Equal_scores_are_ties_even_of_opposite_zero_signs()
    {
        var metrics = Score(ModelKind.LinearSvm, [0.0, -0.0, 2.5, 2.5], [1.0, 0.0, 1.0, 0.0], [1.0, 1.0, 1.0, 1.0]);

        Assert.Equal(0.5, metrics.Auc);
        Assert.Equal(0.0, metrics.AucErrorBound);
    }

    [Fact]
    public void Infinite_scores_have_bins_and_order()
    {
        var metrics = Score(ModelKind.LinearSvm, [double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300], [1.0, 0.0, 1.0, 0.0], [1.0, 1.0, 1.0, 1.0]);

        Assert.Equal(1.0, metrics.Auc);
        Assert.Equal(0.0, metrics.AucErrorBound);
    }

    [Fact]
    public void Only_filled_bins_are_sent_in_ascending_order()
    {
        var accumulator = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.LogisticRegression }, 1);
        foreach (double z in (double[])[3.0, -2.0, 3.0, 0.001, -2.0, 1e-30])
        {
            accumulator.Add([z], z > 0 ? 1.0 : 0.0, 1.0);
        }

        var histogram = accumulator.ToSums().Scores;
        var bins = DenseBuffers.AsInts(histogram.Bins.Bytes).ToArray();

        Assert.Equal(4, bins.Length);
        Assert.Equal(bins.Order(), bins);
        Assert.Equal([2.0, 0.0, 0.0, 0.0], DenseBuffers.AsDoubles(histogram.Negative.Bytes).ToArray());
        Assert.Equal([-2.0, 1e-30, 0.001, 3.0], DenseBuffers.AsDoubles(histogram.Scores.Bytes).ToArray());
    }

    [Fact]
    public void With_one_class_the_auc_is_undefined()
    {
        var metrics = Score(ModelKind.LogisticRegression, [0.3, -1.0], [1.0, 1.0], [1.0, 2.0]);

        Assert.True(double.IsNaN(metrics.Auc!.Value));
        Assert.True(double.IsNaN(metrics.AucErrorBound!.Value));
    }

    private static EvaluationMetrics Score(ModelKind model, double[] z, double[] labels, double[] weights)
    {
        var accumulator = EvaluationAccumulator.Create(new JobSpec { Model = model }, 1);
        for (int i = 0; i < z.Length; i++)
        {
            accumulator.Add([z[i]], labels[i], weights[i]);
        }

        return EvaluationAccumulator.Finish(accumulator.ToSums());
    }

    // Σ over positive i, negative j of wᵢwⱼ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) / (P·N).
    private static double PairwiseAuc(double[] z, double[] labels, double[] weights)
    {
        double area = 0.0, positives = 0.0, negatives = 0.0;
        for (int i = 0; i < z.Length; i++)
        {
            positives += labels[i] * weights[i];
            negatives += (1.0 - labels[i]) * weights[i];
            for (int j = 0; j < z.Length; j++)
            {
                if (labels[i] == 1.0 && labels[j] == 0.0)
                {
                    area += weights[i] * weights[j] * (z[i] > z[j] ? 1.0 : z[i] == z[j] ? 0.5 : 0.0);
                }
            }
        }

        return area / (positives * negatives);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
