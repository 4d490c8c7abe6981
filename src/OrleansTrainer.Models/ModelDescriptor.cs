using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models;

/// <summary>
/// What the rest of the system needs to know of one model family: its name, its loss (or that it has several outputs
/// and its own kernel), what its labels must be, and how a prediction follows from the linear predictor.
/// </summary>
public sealed record ModelDescriptor
{
    /// <summary>The family.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>The short name otrain and the docs use (<c>--model</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the model fits, in words, for error messages ("logistic regression").</summary>
    public required string Description { get; init; }

    /// <summary>The per-row loss of a single-output model; null for a multi-output model with its own kernel (softmax).</summary>
    public LossKind? Loss { get; init; }

    /// <summary>What the model predicts: a value, a count, a class with its probabilities, or a class by the sign of a decision value.</summary>
    public required PredictionKind Prediction { get; init; }

    /// <summary>Whether <see cref="Link"/> gives the probability of class 1 (and the model has class probabilities [1 − p, p]).</summary>
    public bool PredictsProbability => Prediction == PredictionKind.Probability;

    /// <summary>Whether the model predicts a class (logistic and softmax regression, the linear SVM).</summary>
    public bool IsClassifier => Prediction is PredictionKind.Probability or PredictionKind.Decision or PredictionKind.ClassProbabilities;

    /// <summary>
    /// The labels the model needs, checked against the dataset's statistics: returns what is wrong ("... needs labels
    /// in {0, 1}, but "y" ranges over [0, 2]") naming the label column, or null when the labels suit the model.
    /// </summary>
    public required Func<JobSpec, DatasetStatistics, string, string?> LabelProblem { get; init; }

    /// <summary>Whether the model has one output per class (one weight vector and intercept each) and its own kernel.</summary>
    public bool IsMultiOutput => Loss is null;

    /// <summary>The kernel's loss for this model under <paramref name="spec"/> (the Huber threshold comes from the spec).</summary>
    /// <exception cref="InvalidOperationException">The model is multi-output: it has its own kernel, not a single loss.</exception>
    public LossSpec LossOf(JobSpec spec) => new(SingleLoss(), spec.HuberDelta);

    /// <summary>The number of outputs on a dataset: K classes (from the spec, else the largest label + 1) for a multi-output model, else 1.</summary>
    public int Outputs(JobSpec spec, DatasetStatistics statistics) =>
        !IsMultiOutput ? 1 : spec.Classes > 0 ? spec.Classes : (int)statistics.LabelMax + 1;

    /// <summary>The number of classes of a model with <paramref name="outputs"/> outputs: K for softmax, 2 for the binary classifiers, 0 for regression.</summary>
    public int Classes(int outputs) => Prediction == PredictionKind.ClassProbabilities ? outputs : IsClassifier ? 2 : 0;

    /// <summary>The prediction from the linear predictor <paramref name="z"/> of a single-output model (<see cref="ILoss.Link"/>).</summary>
    /// <exception cref="InvalidOperationException">The model is multi-output.</exception>
    public double Link(double z) => Losses.Link(SingleLoss(), z);

    private LossKind SingleLoss() =>
        Loss ?? throw new InvalidOperationException($"A {Kind} model has one output per class and its own kernel, not a single loss.");
}
