using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Undefined metrics follow scikit-learn's conventions; thresholds, links and extreme margins are handled as documented.</summary>
public sealed class EvaluationConventionTests
{
    [Fact]
    public void Without_predicted_positives_precision_and_f1_are_zero()
    {
        // scikit-learn, zero_division=0: precision_score([1, 1, 0], [0, 0, 0]) = 0, f1 = 0.
        var metrics = Rows.Score(ModelKind.LinearSvm, (-1.0, 1.0), (-0.5, 1.0), (-2.0, 0.0));

        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.F1);
        Assert.Equal(1.0 / 3.0, metrics.Accuracy!.Value, 1e-15);
    }

    [Fact]
    public void Without_positive_labels_recall_is_zero_and_auc_undefined()
    {
        var metrics = Rows.Score(ModelKind.LogisticRegression, (1.0, 0.0), (-0.5, 0.0));

        Assert.Equal(0.0, metrics.Recall);
        Assert.Equal(0.0, metrics.Precision);
        Assert.Equal(0.0, metrics.F1);
        Assert.True(double.IsNaN(metrics.Auc!.Value));
    }

    [Theory]
    [InlineData(3.0, 3.0, 3.0, 1.0, 1.0)] // r2_score([3,3,3],[3,3,3]) = 1, explained_variance_score = 1
    [InlineData(2.0, 2.0, 2.0, 0.0, 1.0)] // r2_score([3,3,3],[2,2,2]) = 0, explained_variance_score = 1
    [InlineData(1.0, 2.0, 3.0, 0.0, 0.0)] // r2_score([3,3,3],[1,2,3]) = 0, explained_variance_score = 0
    public void A_constant_label_follows_force_finite(double first, double second, double third, double r2, double explained)
    {
        var metrics = Rows.Score(ModelKind.LinearRegression, (first, 3.0), (second, 3.0), (third, 3.0));

        Assert.Equal(r2, metrics.R2);
        Assert.Equal(explained, metrics.ExplainedVariance);
    }

    [Fact]
    public void A_constant_residual_explains_all_variance_but_not_r2()
    {
        // explained_variance_score([1,2,3],[2,3,4]) = 1, r2_score = -0.5.
        var metrics = Rows.Score(ModelKind.LinearRegression, (2.0, 1.0), (3.0, 2.0), (4.0, 3.0));

        Assert.Equal(1.0, metrics.ExplainedVariance);
        Assert.Equal(-0.5, metrics.R2!.Value, 1e-15);
        Assert.Equal(1.0, metrics.Rmse!.Value, 1e-15);
    }

    [Theory]
    [InlineData(ModelKind.LinearRegression, 1)]
    [InlineData(ModelKind.PoissonRegression, 1)]
    [InlineData(ModelKind.LogisticRegression, 1)]
    [InlineData(ModelKind.LinearSvm, 1)]
    [InlineData(ModelKind.SoftmaxRegression, 3)]
    public void Without_weight_every_metric_that_applies_is_nan(ModelKind model, int outputs)
    {
        var empty = EvaluationAccumulator.Create(new JobSpec { Model = model }, outputs);
        var weightless = EvaluationAccumulator.Create(new JobSpec { Model = model }, outputs);
        weightless.Add(new double[outputs], 1.0, 0.0);
        weightless.Add(new double[outputs], 0.0, 0.0);

        var none = EvaluationAccumulator.Finish(empty.ToSums());
        var zero = EvaluationAccumulator.Finish(weightless.ToSums());

        Assert.Equal(0, none.Rows);
        Assert.Equal(2, zero.Rows);
        Assert.Equal(0.0, zero.WeightSum);
        Assert.NotEmpty(none.Present());
        Assert.All(none.Present().Concat(zero.Present()), p => Assert.True(double.IsNaN(p.Value), $"{model} {p.Metric} = {p.Value}"));
    }

    [Fact]
    public void A_row_of_weight_zero_counts_in_rows_only()
    {
        (double, double, double)[] rows = [(0.5, 1.0, 2.0), (-0.7, 0.0, 1.0), (1.5, 0.0, 0.5)];
        var without = EvaluationAccumulator.Finish(Rows.Sums(ModelKind.LogisticRegression, rows));
        var with = EvaluationAccumulator.Finish(Rows.Sums(ModelKind.LogisticRegression, [.. rows, (-30.0, 1.0, 0.0)]));

        Assert.Equal(without.Rows + 1, with.Rows);
        Assert.Equal(without with { Rows = with.Rows, ConfusionMatrix = with.ConfusionMatrix }, with);
        Assert.Equal(without.ConfusionMatrix, with.ConfusionMatrix);
    }

    [Fact]
    public void A_zero_margin_predicts_class_one()
    {
        // Probability 0.5 ≥ 0.5 (logistic), decision value 0 ≥ 0 (SVM); just below 0 predicts class 0.
        Assert.Equal([0.0, 0.0, 0.0, 1.0], Rows.Score(ModelKind.LogisticRegression, (0.0, 1.0)).ConfusionMatrix);
        Assert.Equal([0.0, 1.0, 0.0, 0.0], Rows.Score(ModelKind.LinearSvm, (0.0, 0.0)).ConfusionMatrix);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], Rows.Score(ModelKind.LinearSvm, (-1e-300, 0.0)).ConfusionMatrix);
        Assert.Equal(0.5, Rows.Score(ModelKind.LogisticRegression, (0.0, 1.0)).Threshold);
        Assert.Equal(0.0, Rows.Score(ModelKind.LinearSvm, (0.0, 1.0)).Threshold);
    }

    [Fact]
    public void Log_loss_stays_finite_and_exact_at_extreme_margins()
    {
        var logistic = Rows.Score(ModelKind.LogisticRegression, (-800.0, 1.0), (800.0, 1.0));
        var softmax = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.SoftmaxRegression }, 3);
        softmax.Add([800.0, 0.0, -800.0], 2.0, 1.0);
        softmax.Add([40.0, 0.0, -3.0], 0.0, 1.0);

        Assert.Equal(400.0, logistic.LogLoss);
        Assert.Equal((1600.0 + Math.Exp(-40.0)) / 2.0, EvaluationAccumulator.Finish(softmax.ToSums()).LogLoss!.Value, 1e-15);
    }

    [Fact]
    public void Poisson_predicts_the_expected_count_and_huber_takes_its_threshold_from_the_spec()
    {
        var poisson = Rows.Score(ModelKind.PoissonRegression, (Math.Log(4.0), 1.0));
        var huber = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.HuberRegression, HuberDelta = 0.5 }, 1);
        huber.Add([3.0], 1.0, 1.0);

        Assert.Equal(3.0, poisson.Mae!.Value, 1e-14);
        Assert.Equal(0.5 * (2.0 - 0.25), EvaluationAccumulator.Finish(huber.ToSums()).Loss);
    }

    [Fact]
    public void Rows_the_model_cannot_take_are_refused()
    {
        var linear = EvaluationAccumulator.Create(new JobSpec(), 1);
        var logistic = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.LogisticRegression }, 1);
        var softmax = EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.SoftmaxRegression }, 3);

        Assert.Throws<ArgumentException>(() => linear.Add([1.0, 2.0], 1.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => linear.Add([1.0], 1.0, -1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => linear.Add([1.0], 1.0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => logistic.Add([1.0], 2.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => softmax.Add([1.0, 2.0, 3.0], 1.5, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => softmax.Add([1.0, 2.0, 3.0], 3.0, 0.0));
        Assert.Equal(0, softmax.ToSums().Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationAccumulator.Create(new JobSpec(), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.SoftmaxRegression }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationAccumulator.Create(new JobSpec { Model = ModelKind.HuberRegression, HuberDelta = 0.0 }, 1));
    }
}
