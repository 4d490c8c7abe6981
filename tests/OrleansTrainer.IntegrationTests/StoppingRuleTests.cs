using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// L-BFGS's default stopping rule on ill-conditioned real data (a weak L2): the coefficients it leaves are compared with
/// the optimum that Newton's method refines from them in double precision.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class StoppingRuleTests(TrainerClusterFixture fixture, ITestOutputHelper output)
{
    private const double WeakL2 = 1e-4;

    [Theory]
    [InlineData("breast_cancer", "malignant", ModelKind.LogisticRegression, 3)]
    [InlineData("digits", "digit", ModelKind.SoftmaxRegression, 5)]
    public async Task Lbfgs_with_the_default_rule_stops_within_1e6_of_the_newton_optimum(string name, string label, ModelKind kind, int blocks)
    {
        var local = await TestData.ReadBundledAsync(name, label);
        var dataset = Training.UniqueName(name.Replace('_', '-'));
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath(name), new CsvIngestOptions { LabelColumn = label, ShardCount = 3 });
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("stop"), Dataset = dataset, Model = kind, Solver = SolverKind.Lbfgs, L2 = WeakL2,
            MaxRounds = 20000, WeightBlocks = blocks,
        });
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");

        var trained = Training.AllCoefficients(model);
        var distance = NewtonOptimum.RelativeDistance(trained, NewtonOptimum.Refine(local, model, WeakL2));
        output.WriteLine($"{name}: ‖w − w*‖/‖w*‖ = {distance:E3}; {status.Reason}");
        Assert.True(distance <= 1e-6, $"relative distance {distance:E3} to the Newton optimum; {status.Reason}");
    }
}
