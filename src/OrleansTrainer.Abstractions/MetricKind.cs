namespace OrleansTrainer.Abstractions;

/// <summary>
/// A measure of how well a model predicts. Which apply depends on the model: regression models (linear, Huber,
/// Poisson) have <see cref="Rmse"/>, <see cref="Mae"/>, <see cref="R2"/> and <see cref="ExplainedVariance"/>; binary
/// classifiers (logistic, SVM) <see cref="Accuracy"/>, <see cref="Precision"/>, <see cref="Recall"/>, <see cref="F1"/>
/// and <see cref="Auc"/>, and the logistic model <see cref="LogLoss"/>; softmax <see cref="LogLoss"/>,
/// <see cref="Accuracy"/>, <see cref="MacroF1"/> and <see cref="MicroF1"/>. Every model has <see cref="Loss"/>, its
/// training loss without the penalty. All are weighted by the rows' instance weights.
/// </summary>
public enum MetricKind
{
    /// <summary>The mean of the model's own training loss (no penalty). Lower is better.</summary>
    Loss = 0,

    /// <summary>Root mean squared error of the prediction. Lower is better.</summary>
    Rmse = 1,

    /// <summary>Mean absolute error of the prediction. Lower is better.</summary>
    Mae = 2,

    /// <summary>Coefficient of determination 1 − SS_res/SS_tot. Higher is better.</summary>
    R2 = 3,

    /// <summary>1 − Var(y − ŷ)/Var(y). Higher is better.</summary>
    ExplainedVariance = 4,

    /// <summary>Mean negative log-likelihood of the labels under the predicted probabilities. Lower is better.</summary>
    LogLoss = 5,

    /// <summary>Share of rows whose predicted class is their label. Higher is better.</summary>
    Accuracy = 6,

    /// <summary>Binary: TP / (TP + FP) at the threshold. Higher is better.</summary>
    Precision = 7,

    /// <summary>Binary: TP / (TP + FN) at the threshold. Higher is better.</summary>
    Recall = 8,

    /// <summary>Binary: the harmonic mean of precision and recall. Higher is better.</summary>
    F1 = 9,

    /// <summary>Binary: area under the ROC curve of the scores. Higher is better.</summary>
    Auc = 10,

    /// <summary>Multiclass: the unweighted mean over classes of each class's F1. Higher is better.</summary>
    MacroF1 = 11,

    /// <summary>Multiclass: F1 of the pooled counts (equal to accuracy when every row has one label). Higher is better.</summary>
    MicroF1 = 12,
}
