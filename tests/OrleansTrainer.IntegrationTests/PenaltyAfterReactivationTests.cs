using System.Globalization;
using System.Text;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A weight block's setup survives a learning-rate change and a re-activation whole: the penalty it reports afterwards
/// still leaves the intercept out (a hand-copied setup once lost the intercept's position, and a re-activated block then
/// penalized the intercept of every unstandardized job).
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class PenaltyAfterReactivationTests(TrainerClusterFixture fixture)
{
    private const double L2 = 0.1;

    [Fact]
    public async Task A_dense_job_reports_the_penalty_without_the_intercept_after_a_rate_change_and_reactivation()
    {
        var dataset = Training.UniqueName("penalty-dense");
        await Training.IngestAsync(fixture.Client, dataset, ShiftedRegressionCsv(800, 5, intercept: 10, seed: 41), "y", 3);
        await CheckPenaltyAfterReactivationAsync(new JobSpec
        {
            Name = Training.UniqueName("penalty-dense-job"), Dataset = dataset, Standardize = false, L2 = L2, LearningRate = 0.05,
            MaxRounds = 1_000_000, Tolerance = 0, WeightBlocks = 2,
        });
    }

    [Fact]
    public async Task A_sparse_job_reports_the_penalty_without_the_intercept_after_a_rate_change_and_reactivation()
    {
        var data = SparseData.Generate(rows: 1_500, dimension: 300, perRow: 8, seed: 42);
        var (sparse, _) = await data.IngestSparseAndDenseAsync(fixture.Client, "penalty", shards: 3);
        await CheckPenaltyAfterReactivationAsync(new JobSpec
        {
            Name = Training.UniqueName("penalty-sparse-job"), Dataset = sparse, Standardize = false, L2 = L2, LearningRate = 0.2,
            MaxRounds = 1_000_000, Tolerance = 0, WeightBlocks = 3,
        });
    }

    private async Task CheckPenaltyAfterReactivationAsync(JobSpec spec)
    {
        var client = fixture.Client;
        await client.StartJobAsync(spec);
        await JobProgress.WaitForRoundAsync(client, spec.Name, 30);
        var paused = await client.PauseJobAsync(spec.Name);
        await client.SetLearningRateAsync(spec.Name, spec.LearningRate / 2);
        for (var b = 0; b < spec.WeightBlocks; b++)
        {
            await fixture.Cluster.DeactivateAsync(client.Cluster.GetGrain<IWeightBlockGrain>($"{spec.Name}/{b}"));
        }

        var atPause = await client.GetModelAsync(spec.Name);
        Assert.True(Math.Abs(atPause.Intercept) > 0.1, $"the intercept {atPause.Intercept} is too small for the test to tell");
        await client.ResumeJobAsync(spec.Name);
        await JobProgress.WaitForRoundAsync(client, spec.Name, paused.Round + 1);
        await client.CancelJobAsync(spec.Name);

        var round = (await client.GetMetricsAsync(spec.Name))[(int)paused.Round];
        var expected = L2 / 2 * atPause.Weights.ToArray().Sum(w => w * w);
        Assert.Equal(spec.LearningRate / 2, round.LearningRate);
        Assert.Equal(expected, round.Objective - round.Loss, expected * 1e-9);
    }

    /// <summary>x ~ N(0, 1), y = intercept + x·w* + N(0, 0.25): a problem whose fitted intercept is far from zero.</summary>
    private static string ShiftedRegressionCsv(int rows, int cols, double intercept, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, cols).Select(_ => TestData.Gaussian(random)).ToArray();
        var csv = new StringBuilder();
        csv.AppendJoin(',', Enumerable.Range(0, cols).Select(j => $"x{j}")).Append(",y\n");
        for (var i = 0; i < rows; i++)
        {
            var y = intercept + 0.5 * TestData.Gaussian(random);
            for (var j = 0; j < cols; j++)
            {
                var x = (float)TestData.Gaussian(random);
                y += truth[j] * x;
                csv.Append(x.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(y.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }
}
