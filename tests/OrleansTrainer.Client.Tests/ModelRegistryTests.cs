using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client.Tests;

/// <summary>The model registry covers every model kind once, and its descriptors say what the models are.</summary>
public sealed class ModelRegistryTests
{
    [Fact]
    public void Every_model_kind_is_registered_once_under_its_own_name()
    {
        Assert.Equal(Enum.GetValues<ModelKind>(), ModelRegistry.All.Select(d => d.Kind));
        Assert.Equal(ModelRegistry.All.Count, ModelRegistry.All.Select(d => d.Name.ToLowerInvariant()).Distinct().Count());
        foreach (var descriptor in ModelRegistry.All)
        {
            Assert.Same(descriptor, ModelRegistry.Of(descriptor.Kind));
            Assert.True(ModelRegistry.TryFind(descriptor.Name.ToUpperInvariant(), out var found));
            Assert.Same(descriptor, found);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ModelRegistry.Of((ModelKind)99));
        Assert.False(ModelRegistry.IsRegistered((ModelKind)99));
    }

    [Fact]
    public void Softmax_alone_is_multi_output_and_has_no_single_loss()
    {
        Assert.Equal([ModelKind.SoftmaxRegression], ModelRegistry.All.Where(d => d.IsMultiOutput).Select(d => d.Kind));
        var softmax = ModelRegistry.Of(ModelKind.SoftmaxRegression);
        Assert.Throws<InvalidOperationException>(() => softmax.LossOf(new JobSpec()));
        Assert.Equal(4, softmax.Outputs(new JobSpec { Classes = 4 }, new DatasetStatistics { LabelMax = 6 }));
        Assert.Equal(7, softmax.Outputs(new JobSpec(), new DatasetStatistics { LabelMax = 6 }));
        Assert.Equal(1, ModelRegistry.Of(ModelKind.LinearSvm).Outputs(new JobSpec { Classes = 4 }, new DatasetStatistics { LabelMax = 1 }));
    }

    [Fact]
    public void Each_model_says_what_it_predicts_and_how_many_classes()
    {
        Assert.Equal(
            [PredictionKind.Value, PredictionKind.Probability, PredictionKind.ClassProbabilities, PredictionKind.Value, PredictionKind.Count, PredictionKind.Decision],
            ModelRegistry.All.Select(d => d.Prediction));
        Assert.All(ModelRegistry.All, d => Assert.Equal(d.IsMultiOutput, d.Prediction == PredictionKind.ClassProbabilities));
        Assert.Equal([0, 2, 5, 0, 0, 2], ModelRegistry.All.Select(d => d.Classes(d.IsMultiOutput ? 5 : 1)));
        Assert.Equal([ModelKind.LogisticRegression], ModelRegistry.All.Where(d => d.PredictsProbability).Select(d => d.Kind));
    }

    [Fact]
    public void The_loss_comes_from_the_spec()
    {
        Assert.Equal(new LossSpec(LossKind.Huber, 0.7), ModelRegistry.Of(ModelKind.HuberRegression).LossOf(new JobSpec { HuberDelta = 0.7 }));
        Assert.Equal(LossKind.SquaredHinge, ModelRegistry.Of(ModelKind.LinearSvm).LossOf(new JobSpec()).Kind);
        Assert.Equal(LossKind.SquaredError, ModelRegistry.Of(ModelKind.LinearRegression).LossOf(new JobSpec()).Kind);
    }

    [Fact]
    public void Label_rules_name_the_column_and_its_range()
    {
        var svm = ModelRegistry.Of(ModelKind.LinearSvm);
        var stats = new DatasetStatistics { LabelMin = 0, LabelMax = 2, LabelsAreIntegers = true };
        Assert.Equal("the linear SVM needs labels in {0, 1}, but \"y\" ranges over [0, 2]", svm.LabelProblem(new JobSpec(), stats, "y"));
        Assert.Null(svm.LabelProblem(new JobSpec(), new DatasetStatistics { LabelMax = 1, LabelsAreBinary = true }, "y"));
        Assert.Null(ModelRegistry.Of(ModelKind.LinearRegression).LabelProblem(new JobSpec(), stats, "y"));
    }
}
