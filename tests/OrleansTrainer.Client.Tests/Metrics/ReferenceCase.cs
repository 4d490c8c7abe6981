using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>
/// One case of References/sklearn_metrics.json: seeded margins, labels and weights of one model, with scikit-learn's
/// metrics of the predictions (and the model's mean loss and the AUC bound, recomputed in numpy).
/// </summary>
internal sealed record ReferenceCase(
    string Name,
    ModelKind Model,
    int Outputs,
    double HuberDelta,
    bool ExactAuc,
    double[][] Margins,
    double[] Labels,
    double[]? Weights,
    Dictionary<string, double> Expected,
    double[] ConfusionMatrix)
{
    /// <summary>Rows in the case.</summary>
    public int Count => Labels.Length;

    /// <summary>The sums of rows [<paramref name="start"/>, <paramref name="end"/>) scored by one accumulator.</summary>
    public EvaluationSums Sums(int start, int end)
    {
        var accumulator = EvaluationAccumulator.Create(new JobSpec { Model = Model, HuberDelta = HuberDelta }, Outputs);
        for (int i = start; i < end; i++)
        {
            accumulator.Add(Margins[i], Labels[i], Weights?[i] ?? 1.0);
        }

        return accumulator.ToSums();
    }

    /// <summary>The metrics of every row scored by one accumulator.</summary>
    public EvaluationMetrics Metrics() => EvaluationAccumulator.Finish(Sums(0, Count));

    /// <inheritdoc />
    public override string ToString() => Name;
}
