using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Specs that do not fit their model or data are refused with a message that says why.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class ModelSpecTests(TrainerClusterFixture fixture)
{
    public static TheoryData<string, JobSpec> BadSpecs => new()
    {
        { "L1 must be zero or positive", new JobSpec { L1 = -0.5 } },
        { "L2 must be zero or positive", new JobSpec { L2 = -1e-3 } },
        { "softmax regression needs K >= 2 classes, not 1", new JobSpec { Model = ModelKind.SoftmaxRegression, Classes = 1 } },
        { "softmax regression with K = 3 needs labels 0..2", new JobSpec { Model = ModelKind.SoftmaxRegression, Classes = 3 } },
        { "logistic regression needs labels in {0, 1}", new JobSpec { Model = ModelKind.LogisticRegression } },
        { "the normal equations solve least squares and ridge only", new JobSpec { Model = ModelKind.HuberRegression, Solver = SolverKind.NormalEquations } },
        { "the normal equations cannot solve an L1 penalty", new JobSpec { Solver = SolverKind.NormalEquations, L1 = 1 } },
        { "HuberDelta must be positive", new JobSpec { Model = ModelKind.HuberRegression, HuberDelta = 0 } },
        { "LineSearch applies to the GradientDescent solver only", new JobSpec { Solver = SolverKind.MiniBatchSgd, LineSearch = true } },
        { "LocalSteps must be at least 1", new JobSpec { Solver = SolverKind.LocalSgd, LocalSteps = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Specs_that_do_not_fit_the_model_are_refused(string expected, JobSpec spec)
    {
        var dataset = await LabelsDatasetAsync();
        var named = new JobSpec
        {
            Name = Training.UniqueName("spec"), Dataset = dataset, Model = spec.Model, Solver = spec.Solver, L1 = spec.L1, L2 = spec.L2,
            Classes = spec.Classes, HuberDelta = spec.HuberDelta, LineSearch = spec.LineSearch, LocalSteps = spec.LocalSteps,
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.StartJobAsync(named));
        Assert.Contains(expected, error.Message);
        Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(named.Name)).Status);
    }

    [Fact]
    public async Task Poisson_regression_refuses_negative_labels()
    {
        var dataset = Training.UniqueName("negative");
        await Training.IngestAsync(fixture.Client, dataset, "a,y\n1,2\n2,-1\n", "y", 1);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("poisson"), Dataset = dataset, Model = ModelKind.PoissonRegression,
        }));
        Assert.Contains("Poisson regression needs labels >= 0", error.Message);
    }

    [Fact]
    public void A_model_refuses_rows_of_another_width()
    {
        var model = new LinearModel(ModelKind.LinearRegression, ["a", "b"], [1.0, 2.0], [0.5]);
        var error = Assert.Throws<ArgumentException>(() => model.Predict([1.0, 2.0, 3.0]));
        Assert.Contains("2 features; got 3", error.Message);
        Assert.Equal(5.5, model.Predict([1.0, 2.0]));
    }

    private async Task<string> LabelsDatasetAsync()
    {
        var dataset = Training.UniqueName("labels");
        await Training.IngestAsync(fixture.Client, dataset, "a,b,y\n1,2,0\n2,1,3\n0,1,6\n1,1,2\n", "y", 2);
        return dataset;
    }
}
