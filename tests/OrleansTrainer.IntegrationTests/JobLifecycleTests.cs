using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Logistic regression, mini-batch SGD, watching, cancelling and divergence.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class JobLifecycleTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Logistic_regression_reaches_a_point_where_the_gradient_vanishes_for_any_shard_count()
    {
        var csv = LogisticCsv(4_000, 5, seed: 21);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var models = new List<double[]>();
        foreach (var shards in new[] { 1, 3 })
        {
            var dataset = Training.UniqueName($"logit{shards}");
            await Training.IngestAsync(fixture.Client, dataset, csv, "y", shards);
            var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
            {
                Name = Training.UniqueName($"logit{shards}-gd"),
                Dataset = dataset,
                Model = ModelKind.LogisticRegression,
                L2 = 1e-3,
                LearningRate = 1.0,
                Momentum = 0.8,
                MaxRounds = 3000,
                GradientTolerance = 1e-10,
                Tolerance = 0,
                WeightBlocks = 2,
            });

            Assert.Equal(JobStatus.Completed, status.Status);
            var coefficients = Training.Coefficients(model);
            Assert.True(LogisticGradientMaxAbs(local, coefficients, 1e-3) < 1e-8);
            models.Add(coefficients);
        }

        Assert.True(TestData.RelativeError(models[1], models[0]) < 1e-7);
    }

    [Fact]
    public async Task Mini_batch_sgd_lowers_the_loss_and_repeats_bit_for_bit_with_the_same_seed()
    {
        var dataset = Training.UniqueName("sgd");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(20_000, 10, seed: 5), "y", 4);
        var runs = new List<double[]>();
        for (var run = 0; run < 2; run++)
        {
            var job = Training.UniqueName($"sgd{run}");
            var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
            {
                Name = job,
                Dataset = dataset,
                Solver = SolverKind.MiniBatchSgd,
                BatchSize = 500,
                LearningRate = 0.05,
                Schedule = LearningRateScheduleKind.InverseSqrt,
                MaxRounds = 200,
                Seed = 42,
            });
            Assert.Equal(JobStatus.Completed, status.Status);
            var metrics = new List<RoundMetrics>();
            await foreach (var m in fixture.Client.WatchAsync(job))
            {
                metrics.Add(m);
            }

            Assert.Equal(200, metrics.Count);
            Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), metrics.Select(m => m.Round));
            Assert.All(metrics, m => Assert.InRange(m.Rows, 496, 504));
            Assert.True(metrics.TakeLast(20).Average(m => m.Loss) < metrics[0].Loss / 10);
            runs.Add(Training.Coefficients(model));
        }

        Assert.Equal(runs[0], runs[1]);
    }

    [Fact]
    public async Task A_running_job_can_be_watched_and_cancelled()
    {
        var dataset = Training.UniqueName("cancel");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(1_000, 4, seed: 6), "y", 2);
        var job = Training.UniqueName("cancel-job");
        await fixture.Client.StartJobAsync(new JobSpec { Name = job, Dataset = dataset, LearningRate = 1e-6, MaxRounds = 1_000_000, Tolerance = 0 });

        await foreach (var metrics in fixture.Client.WatchAsync(job))
        {
            if (metrics.Round == 20)
            {
                break;
            }
        }

        var cancelled = await fixture.Client.CancelJobAsync(job);
        Assert.Equal(JobStatus.Cancelled, cancelled.Status);
        var round = cancelled.Round;
        await Task.Delay(300);
        var later = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Cancelled, later.Status);
        Assert.Equal(round, later.Round);
    }

    [Fact]
    public async Task A_diverging_job_fails_with_its_reason_and_keeps_its_last_good_weights()
    {
        var dataset = Training.UniqueName("diverge");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(500, 3, seed: 8), "y", 2);
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("diverge-job"), Dataset = dataset, Standardize = false, LearningRate = 1e6, MaxRounds = 10_000,
        });

        Assert.Equal(JobStatus.Failed, status.Status);
        Assert.Contains("diverged", status.Reason);
        Assert.All(Training.Coefficients(model), c => Assert.True(double.IsFinite(c)));
    }

    private static string LogisticCsv(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, cols).Select(_ => TestData.Gaussian(random)).ToArray();
        var csv = new System.Text.StringBuilder();
        csv.AppendJoin(',', Enumerable.Range(0, cols).Select(j => $"x{j}")).Append(",y\n");
        for (var i = 0; i < rows; i++)
        {
            var z = 0.3;
            for (var j = 0; j < cols; j++)
            {
                var x = (float)(TestData.Gaussian(random) * (j + 1) + 1);
                z += truth[j] * x / (j + 1);
                csv.Append(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? "1\n" : "0\n");
        }

        return csv.ToString();
    }

    /// <summary>‖∇(mean log-loss + (l2/2)‖w‖²)‖∞ at (w, b), computed naively in double precision.</summary>
    private static double LogisticGradientMaxAbs(LocalDataset data, double[] coefficients, double l2)
    {
        var d = data.Columns;
        var gradient = new double[d + 1];
        for (var i = 0; i < data.Rows; i++)
        {
            var z = coefficients[d];
            for (var j = 0; j < d; j++)
            {
                z += coefficients[j] * data.Features[i, j];
            }

            var r = 1 / (1 + Math.Exp(-z)) - data.Labels[i];
            for (var j = 0; j < d; j++)
            {
                gradient[j] += r * data.Features[i, j] / data.Rows;
            }

            gradient[d] += r / data.Rows;
        }

        for (var j = 0; j < d; j++)
        {
            gradient[j] += l2 * coefficients[j];
        }

        return gradient.Max(Math.Abs);
    }
}
