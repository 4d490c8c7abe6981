using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>Margins, classes and probabilities from dense and sparse rows, and what each model kind refuses.</summary>
public sealed class LinearModelPredictionTests
{
    [Fact]
    public void A_sparse_row_has_the_margins_and_prediction_of_the_same_row_dense()
    {
        var model = new LinearModel(ModelKind.SoftmaxRegression, [], [1, 2, 3, 4, -1, -2, -3, -4, 0.5, 0, 0, 0.25], [0.1, 0.2, 0.3]);
        var sparse = new double[3];
        var dense = new double[3];

        model.Margins([1, 3], [2f, -1f], sparse);
        model.Margins([0, 2, 0, -1], dense);

        Assert.Equal(dense, sparse);
        Assert.Equal([0.1 + 4 - 4, 0.2 - 4 + 4, 0.3 + 0 - 0.25], sparse);
        Assert.Equal(model.Predict([0, 2, 0, -1]), model.PredictSparse([1, 3], [2f, -1f]));
        Assert.Equal(1, model.ClassFromMargins(sparse));
    }

    [Fact]
    public void A_sparse_index_outside_the_model_is_refused_by_name()
    {
        var model = new LinearModel(ModelKind.LinearRegression, [], [1, 2, 3], [0]);
        var error = Assert.Throws<ArgumentException>(() => model.PredictSparse([0, 3], [1f, 1f]));
        Assert.Contains("Feature index 3 is outside the model's 3 features", error.Message);
    }

    [Fact]
    public void Logistic_regression_predicts_class_1_from_z_at_least_0_with_probabilities_summing_to_1()
    {
        var model = new LinearModel(ModelKind.LogisticRegression, ["a"], [2], [-1]);
        var probabilities = new double[2];

        model.ProbabilitiesFromMargins([model.Margin([0.5])], probabilities);

        Assert.Equal(PredictionKind.Probability, model.Prediction);
        Assert.Equal(["0", "1"], model.ClassLabels);
        Assert.Equal([0.5, 0.5], probabilities);
        Assert.Equal(1, model.ClassFromMargins([0.0]));
        Assert.Equal(0, model.ClassFromMargins([-1e-300]));
        Assert.Equal(1 / (1 + Math.Exp(-3)), model.Predict([2]));
    }

    [Fact]
    public void Regression_models_have_no_classes_and_the_svm_no_probabilities()
    {
        var poisson = new LinearModel(ModelKind.PoissonRegression, ["a"], [1], [0]);
        Assert.Empty(poisson.ClassLabels);
        Assert.Equal(Math.E, poisson.PredictFromMargins([1.0]));
        Assert.Throws<InvalidOperationException>(() => poisson.ClassFromMargins([1.0]));

        var svm = new LinearModel(ModelKind.LinearSvm, ["a"], [1], [0]);
        Assert.Equal(["0", "1"], svm.ClassLabels);
        Assert.Throws<InvalidOperationException>(() => svm.ProbabilitiesFromMargins([1.0], new double[2]));
    }

    [Fact]
    public void A_trained_model_carries_its_provenance_and_must_match_its_dataset_width()
    {
        var trained = new TrainedModel
        {
            Job = "j", Model = ModelKind.LinearRegression, FeatureNames = ["a", "b"], Dataset = "d", LabelName = "y", FeatureCount = 2, Rounds = 7, BestRound = 5,
            Weights = new PackedVector { Bytes = OrleansTrainer.Numerics.DenseBuffers.ToBytes([1.0, 2.0]) },
            Intercepts = new PackedVector { Bytes = OrleansTrainer.Numerics.DenseBuffers.ToBytes([3.0]) },
            Spec = new JobSpec { Name = "j", Dataset = "d" },
        };

        var model = LinearModel.From(trained);

        Assert.Equal(new ModelProvenance { Job = "j", Dataset = "d", LabelName = "y", Rounds = 7, BestRound = 5, Spec = trained.Spec, CreatedAt = model.Provenance!.CreatedAt }, model.Provenance);
        Assert.InRange(model.Provenance.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var error = Assert.Throws<ArgumentException>(() => LinearModel.From(trained with { FeatureNames = [], FeatureCount = 3 }));
        Assert.Contains("2 features per output, but its dataset \"d\" has 3", error.Message);
    }
}
