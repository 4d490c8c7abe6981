namespace OrleansTrainer.Client.Ingest;

/// <summary>Rows already in memory: features row-major float32 and labels float64.</summary>
public sealed class InMemoryRowReader : IRowReader
{
    private readonly ReadOnlyMemory<float> _features;
    private readonly ReadOnlyMemory<double> _labels;

    /// <summary>Wraps row-major features (rows × featureNames.Count values) and one label per row, checking every value is finite.</summary>
    /// <exception cref="ArgumentException">The shapes disagree, or a value is NaN or infinite (the message names its row and column).</exception>
    public InMemoryRowReader(IReadOnlyList<string> featureNames, string labelName, ReadOnlyMemory<float> features, ReadOnlyMemory<double> labels)
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

        FeatureNames = featureNames;
        LabelName = labelName;
        _features = features;
        _labels = labels;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public string LabelName { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <inheritdoc />
    public ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _labels.Length)
        {
            return ValueTask.FromResult(false);
        }

        var cols = FeatureNames.Count;
        _features.Span.Slice((int)RowsRead * cols, cols).CopyTo(features.Span);
        CurrentLabel = _labels.Span[(int)RowsRead];
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
}
