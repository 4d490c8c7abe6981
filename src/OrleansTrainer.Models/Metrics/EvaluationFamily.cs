using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Metrics;

/// <summary>What a model predicts, and so which sums it keeps and which metrics it has.</summary>
internal enum EvaluationFamily
{
    /// <summary>A number (linear, Huber, Poisson regression): RMSE, MAE, R², explained variance.</summary>
    Regression,

    /// <summary>Class 0 or 1 from one margin (logistic regression, the SVM): accuracy, precision, recall, F1, AUC.</summary>
    Binary,

    /// <summary>One of K classes from K margins (softmax regression): log-loss, accuracy, macro and micro F1.</summary>
    Multiclass,
}

/// <summary>The <see cref="EvaluationFamily"/> of each model.</summary>
internal static class EvaluationFamilies
{
    /// <summary>The family of <paramref name="model"/>: multi-output models are multiclass, the 0/1 losses binary.</summary>
    public static EvaluationFamily Of(ModelDescriptor model) =>
        model.IsMultiOutput ? EvaluationFamily.Multiclass
        : model.Loss is LossKind.Logistic or LossKind.SquaredHinge ? EvaluationFamily.Binary
        : EvaluationFamily.Regression;
}
