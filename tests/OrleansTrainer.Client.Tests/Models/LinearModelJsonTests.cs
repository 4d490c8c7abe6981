using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Client.Tests;

public sealed class LinearModelJsonTests
{
    [Fact]
    public void A_model_read_back_from_json_has_the_same_bits_and_predictions()
    {
        var random = new Random(3);
        var weights = Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 1e3 - 500 + 1e-17).ToArray();
        var model = new LinearModel(ModelKind.SoftmaxRegression, ["a", "b", "c", "d"], weights, [0.1, 1.0 / 3, -2e-300]);

        var back = LinearModel.FromJson(model.ToJson());

        Assert.Equal(ModelKind.SoftmaxRegression, back.Kind);
        Assert.Equal(model.FeatureNames, back.FeatureNames);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(model.WeightsOf(k).ToArray(), back.WeightsOf(k).ToArray());
        }

        Assert.Equal(model.Intercepts.ToArray(), back.Intercepts.ToArray());
        double[] x = [0.5, -1.25, 3, 7];
        Assert.Equal(model.Predict(x), back.Predict(x));
        Assert.Equal(model.Margin(x, 2), back.Margin(x, 2));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"format":"otrain-linear-model/1","kind":"LinearRegression","features":["a","b"],"weights":[[1]],"intercepts":[0]}""")]
    public void Text_that_is_not_an_exported_model_is_refused(string json) =>
        Assert.Throws<FormatException>(() => LinearModel.FromJson(json));
}
