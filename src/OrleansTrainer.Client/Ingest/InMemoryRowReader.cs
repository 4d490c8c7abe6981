namespace OrleansTrainer.Client.Ingest;

/// <summary>Rows already in memory: features row-major float32, labels float64 and, optionally, instance weights float64.</summary>
public sealed class InMemoryRowReader : IRowReader
{
    private readonly ReadOnlyMemory<float> _features;
    private readonly ReadOnlyMemory<double> _labels;
    private readonly ReadOnlyMemory<double> _weights;

    /// <summary>
    /// Wraps row-major features (rows × featureNames.Count values), one label per row and, when
    /// <paramref name="weightName"/> is given, one instance weight per row, checking every value.
    /// </summary>
    /// <param name="featureNames">The feature names; at least one.</param>
    /// <param name="labelName">The label's name.</param>
    /// <param name="features">The features, row-major; each must be finite.</param>
    /// <param name="labels">One label per row; each must be finite.</param>
    /// <param name="sampleWeights">One weight per row, each finite and at least 0, when <paramref name="weightName"/> is given; otherwise empty.</param>
    /// <param name="weightName">The weight's name, or <see langword="null"/> for rows without weights (each then weighs 1).</param>
    /// <exception cref="ArgumentException">
    /// The shapes disagree, weights come without a name, or a value is NaN or infinite or a weight is negative
    /// (the message names its row and column).
    /// </exception>
    public InMemoryRowReader(IReadOnlyList<string> featureNames, string labelName, ReadOnlyMemory<float> features, ReadOnlyMemory<double> labels,
        ReadOnlyMemory<double> sampleWeights = default, string? weightName = null)
    {
        if (featureNames.Count == 0 || features.Length != (long)labels.Length * featureNames.Count)
        {
            throw new ArgumentException($"{features.Length} feature values do not form {labels.Length} rows of {featureNames.Count} features.");
        }

        var values = features.Span;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Row {i / featureNames.Count}, feature \"{featureNames[i % featureNames.Count]}\" is {values[i]}; values must be finite.");
            }
        }

        var labelValues = labels.Span;
        for (var i = 0; i < labelValues.Length; i++)
        {
            if (!double.IsFinite(labelValues[i]))
            {
                throw new ArgumentException($"Row {i}, label \"{labelName}\" is {labelValues[i]}; values must be finite.");
            }
        }

        CheckWeights(sampleWeights.Span, weightName, labels.Length);
        FeatureNames = featureNames;
        LabelName = labelName;
        WeightName = weightName;
        _features = features;
        _labels = labels;
        _weights = sampleWeights;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public string LabelName { get; }

    /// <inheritdoc />
    public string? WeightName { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <inheritdoc />
    public double CurrentWeight { get; private set; } = 1;

    /// <inheritdoc />
    public ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _labels.Length)
        {
            return ValueTask.FromResult(false);
        }

        var cols = FeatureNames.Count;
        var row = (int)RowsRead;
        _features.Span.Slice(row * cols, cols).CopyTo(features.Span);
        CurrentLabel = _labels.Span[row];
        if (WeightName is not null)
        {
            CurrentWeight = _weights.Span[row];
        }

        RowsRead++;
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public void EnsureHasRows()
    {
        if (_labels.Length == 0)
        {
            throw new ArgumentException("No rows to ingest.");
        }
    }

    private static void CheckWeights(ReadOnlySpan<double> weights, string? weightName, int rows)
    {
        if (weightName is null)
        {
            if (!weights.IsEmpty)
            {
                throw new ArgumentException($"{weights.Length} sample weights come without a weight name.");
            }

            return;
        }

        if (weights.Length != rows)
        {
            throw new ArgumentException($"{weights.Length} sample weights do not match {rows} rows.");
        }

        for (var i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"Row {i}, weight \"{weightName}\" is {weights[i]}; weights must be finite numbers >= 0.");
            }
        }
    }
}
