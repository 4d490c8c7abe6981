namespace OrleansTrainer.Client;

/// <summary>
/// The input and outputs of an exported ONNX model (<see cref="LinearModel.ToOnnx(OnnxInputs)"/>). The input is
/// <see cref="Features"/>, float32 [N, d], or (<see cref="OnnxInputs.Columns"/>) one input per source column named
/// after it; the outputs depend on the model: regression <see cref="Prediction"/>;
/// logistic regression <see cref="Class"/>, <see cref="Probability"/> and <see cref="Probabilities"/>; softmax
/// regression <see cref="Class"/> and <see cref="Probabilities"/>; the linear SVM <see cref="Class"/> and
/// <see cref="Decision"/>.
/// </summary>
public static class OnnxNames
{
    /// <summary>The input of <see cref="OnnxInputs.Features"/>: float32 [N, d], one row per example, the features in the model's order (columns 0 .. d−1 of a sparse model).</summary>
    public const string Features = "features";

    /// <summary>Regression: float32 [N], the value z (linear, Huber) or the expected count e^z (Poisson).</summary>
    public const string Prediction = "prediction";

    /// <summary>Classifiers: int64 [N], the predicted class, an index into the model's class labels; −1 for a row whose margin is NaN (a NaN feature, a refused cell).</summary>
    public const string Class = "class";

    /// <summary>Logistic regression: float32 [N], the probability of class 1.</summary>
    public const string Probability = "probability";

    /// <summary>Logistic and softmax regression: float32 [N, K], one probability per class.</summary>
    public const string Probabilities = "probabilities";

    /// <summary>The linear SVM: float32 [N], the decision value z (class 1 when z ≥ 0).</summary>
    public const string Decision = "decision";
}
