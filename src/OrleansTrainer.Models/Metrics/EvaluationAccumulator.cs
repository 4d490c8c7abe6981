using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// Scores rows of one model and keeps the sufficient statistics of its metrics: a shard adds its rows
/// (<see cref="Add"/>) and returns <see cref="ToSums"/>; the trainer merges the shards' sums in shard order
/// (<see cref="Merge(EvaluationSums, EvaluationSums)"/>) and computes the metrics (<see cref="Finish"/>), which are
/// those of all the rows scored at once, whatever the split, up to rounding. Weighted by the rows' instance weights;
/// metrics follow scikit-learn's definitions (see <see cref="Finish"/> for the undefined cases).
/// </summary>
public abstract class EvaluationAccumulator
{
    private readonly int outputs;
    private long rows;
    private double weightSum;
    private double lossSum;

    private protected EvaluationAccumulator(ModelKind model, int outputs)
    {
        Model = model;
        this.outputs = outputs;
    }

    /// <summary>The model whose rows are scored.</summary>
    private protected ModelKind Model { get; }

    /// <summary>
    /// An accumulator for the model of <paramref name="spec"/> (its Huber threshold too): regression, binary or
    /// multiclass sums as <see cref="ModelRegistry"/> says. Binary models predict class 1 when the probability is
    /// ≥ 0.5 (logistic regression) or the decision value ≥ 0 (the SVM).
    /// </summary>
    /// <param name="spec">The job: its model and loss parameters.</param>
    /// <param name="outputs">Margins per row: K ≥ 2 classes for softmax regression, else 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The model is unknown, <paramref name="outputs"/> does not suit it, or the Huber threshold is invalid.</exception>
    public static EvaluationAccumulator Create(JobSpec spec, int outputs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = ModelRegistry.Of(spec.Model);
        if (model.IsMultiOutput)
        {
            return outputs >= 2
                ? new MulticlassAccumulator(model.Kind, outputs)
                : throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"A {model.Kind} model needs K >= 2 outputs.");
        }

        if (outputs != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"A {model.Kind} model has one output.");
        }

        var loss = RowLoss.Of(model.LossOf(spec));
        return EvaluationFamilies.Of(model) == EvaluationFamily.Binary
            ? new BinaryAccumulator(model, loss)
            : new RegressionAccumulator(model.Kind, loss);
    }

    /// <summary>Scores one row. A row of weight 0 counts in <see cref="EvaluationSums.Rows"/> only.</summary>
    /// <param name="margins">z = x·w + b per output: one, or K for softmax regression.</param>
    /// <param name="label">The label: any for regression, 0 or 1 for binary models, a class id 0..K−1 for softmax.</param>
    /// <param name="weight">The row's instance weight, finite and ≥ 0 (1 without a weight column).</param>
    /// <exception cref="ArgumentException">The number of margins is not the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The weight or the label is out of range.</exception>
    public void Add(ReadOnlySpan<double> margins, double label, double weight)
    {
        if (margins.Length != outputs)
        {
            throw new ArgumentException($"A {Model} model scores {outputs} margin(s) per row, not {margins.Length}.", nameof(margins));
        }

        if (!(weight >= 0.0 && double.IsFinite(weight)))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A row's weight must be finite and >= 0.");
        }

        CheckLabel(label);
        rows++;
        if (weight == 0.0)
        {
            return;
        }

        weightSum += weight;
        lossSum += weight * Accumulate(margins, label, weight);
    }

    /// <summary>The sums of the rows added so far.</summary>
    public EvaluationSums ToSums() =>
        WithSums(new EvaluationSums { Model = Model, Rows = rows, WeightSum = weightSum, LossSum = lossSum });

    /// <summary>
    /// The sums of two disjoint sets of rows, <paramref name="first"/>'s before <paramref name="second"/>'s: deterministic,
    /// so merging shards in shard order gives the same bits every time. Counts add; the label and residual moments merge
    /// by Chan's formula; histogram bins add.
    /// </summary>
    /// <exception cref="ArgumentException">The sums are of different models or class counts, or malformed.</exception>
    public static EvaluationSums Merge(EvaluationSums first, EvaluationSums second) => EvaluationSumsMerge.Merge(first, second);

    /// <summary>The sums of <paramref name="parts"/> merged left to right (pass them in shard order).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="parts"/> is empty.</exception>
    /// <exception cref="ArgumentException">The sums are of different models or class counts, or malformed.</exception>
    public static EvaluationSums Merge(IEnumerable<EvaluationSums> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Aggregate(EvaluationSumsMerge.Merge);
    }

    /// <summary>
    /// The metrics of <paramref name="sums"/> (<see cref="MetricKind"/> says which apply to the model). Undefined
    /// cases: with no weight at all every metric that applies is NaN. Otherwise scikit-learn's conventions:
    /// precision, recall and F1 with a zero denominator are 0 (<c>zero_division=0</c>); R² and explained variance of a
    /// constant label are 1 for a perfect prediction and else 0 (<c>force_finite=True</c>); macro F1 averages the
    /// classes that occur as a label or a prediction (with weight), as scikit-learn's default labels do. AUC (and its
    /// bound) is NaN unless both classes have weight (scikit-learn raises). The AUC comes from score bins, within
    /// <see cref="EvaluationMetrics.AucErrorBound"/> = Σ_b P_b·N_b / (2·P·N) over the bins that hold distinct scores
    /// (P_b, N_b the positive and negative weight of bin b): exact when no bin mixes distinct scores of both classes.
    /// Log-loss is computed from the margins, exactly; scikit-learn's clips the probabilities to [ε, 1 − ε], which
    /// differs once a wrong margin passes about 36.
    /// </summary>
    /// <exception cref="ArgumentException">The sums are malformed (a confusion matrix or histogram of the wrong shape).</exception>
    public static EvaluationMetrics Finish(EvaluationSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        var model = ModelRegistry.Of(sums.Model);
        var common = new EvaluationMetrics { Rows = sums.Rows, WeightSum = sums.WeightSum, Loss = sums.LossSum / sums.WeightSum };
        return EvaluationFamilies.Of(model) switch
        {
            EvaluationFamily.Regression => RegressionMetrics.Finish(sums, common),
            EvaluationFamily.Binary => BinaryMetrics.Finish(sums, model, common),
            _ => MulticlassMetrics.Finish(sums, common),
        };
    }

    /// <summary>The metric a model is judged by when the job names none: RMSE for regression, log-loss for logistic and softmax regression, accuracy for the SVM.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The model is unknown.</exception>
    public static MetricKind DefaultMetric(ModelKind model)
    {
        var descriptor = ModelRegistry.Of(model);
        return EvaluationFamilies.Of(descriptor) switch
        {
            EvaluationFamily.Regression => MetricKind.Rmse,
            EvaluationFamily.Binary when !descriptor.PredictsProbability => MetricKind.Accuracy,
            _ => MetricKind.LogLoss,
        };
    }

    /// <summary>The metric a job's validation watches (early stopping and searches rank by it): its spec's, or the model's default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The model is unknown.</exception>
    public static MetricKind WatchedMetric(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Validation?.Metric ?? DefaultMetric(spec.Model);
    }

    /// <summary>Whether a larger value of <paramref name="metric"/> is better (false for the losses and errors).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The metric is unknown.</exception>
    public static bool HigherIsBetter(MetricKind metric) => metric switch
    {
        MetricKind.Loss or MetricKind.Rmse or MetricKind.Mae or MetricKind.LogLoss => false,
        MetricKind.R2 or MetricKind.ExplainedVariance or MetricKind.Accuracy or MetricKind.Precision or MetricKind.Recall
            or MetricKind.F1 or MetricKind.Auc or MetricKind.MacroF1 or MetricKind.MicroF1 => true,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>Throws unless the model takes <paramref name="label"/> (before any sum changes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is out of range.</exception>
    private protected virtual void CheckLabel(double label)
    {
    }

    /// <summary>Adds a row of weight &gt; 0 and a checked label to the model's own sums; returns its loss.</summary>
    private protected abstract double Accumulate(ReadOnlySpan<double> margins, double label, double weight);

    /// <summary><paramref name="sums"/> (the counts) with the model's own sums.</summary>
    private protected abstract EvaluationSums WithSums(EvaluationSums sums);
}
