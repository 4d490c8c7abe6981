namespace OrleansTrainer.Models;

/// <summary>What a model predicts from its linear predictor(s): the form of its output, for predictions and exports.</summary>
public enum PredictionKind
{
    /// <summary>A value: the linear predictor z itself (linear and Huber regression).</summary>
    Value = 0,

    /// <summary>An expected count e^z (Poisson regression with the log link).</summary>
    Count = 1,

    /// <summary>Two classes: the probability of class 1, sigmoid(z); class 1 when z ≥ 0 (logistic regression).</summary>
    Probability = 2,

    /// <summary>Two classes by the sign of the decision value z: class 1 when z ≥ 0 (the linear SVM); no probabilities.</summary>
    Decision = 3,

    /// <summary>K classes: probabilities softmax(z_1 .. z_K); the class of the largest z_k (softmax regression).</summary>
    ClassProbabilities = 4,
}
