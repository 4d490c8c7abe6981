using System.Numerics;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Rows already in memory: features row-major float32 or float64, labels float64 and, optionally, instance weights
/// float64. Float32 features widen exactly when read as float64; float64 features round to float32 when read as float32.
/// </summary>
public sealed class InMemoryRowReader : IRowReader
{
    private readonly ReadOnlyMemory<float> _features;
    private readonly ReadOnlyMemory<double> _wideFeatures;
    private readonly bool _isWide;
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
        : this(featureNames, labelName, features, default, isWide: false, labels, sampleWeights, weightName)
    {
    }

    /// <summary>
    /// Wraps row-major float64 features (rows × featureNames.Count values), one label per row and, when
    /// <paramref name="weightName"/> is given, one instance weight per row, checking every value. The float64
    /// <c>ReadRowAsync</c> delivers the features exactly; the float32 one rounds them to float32.
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
    public InMemoryRowReader(IReadOnlyList<string> featureNames, string labelName, ReadOnlyMemory<double> features, ReadOnlyMemory<double> labels,
        ReadOnlyMemory<double> sampleWeights = default, string? weightName = null)
        : this(featureNames, labelName, default, features, isWide: true, labels, sampleWeights, weightName)
    {
    }

    /// <summary>Checks and wraps the rows; the features are <paramref name="wideFeatures"/> when <paramref name="isWide"/>, else <paramref name="features"/>.</summary>
    private InMemoryRowReader(IReadOnlyList<string> featureNames, string labelName, ReadOnlyMemory<float> features, ReadOnlyMemory<double> wideFeatures,
        bool isWide, ReadOnlyMemory<double> labels, ReadOnlyMemory<double> sampleWeights, string? weightName)
    {
        var featureValues = isWide ? wideFeatures.Length : features.Length;
        if (featureNames.Count == 0 || featureValues != (long)labels.Length * featureNames.Count)
        {
            throw new ArgumentException($"{featureValues} feature values do not form {labels.Length} rows of {featureNames.Count} features.");
        }

        if (isWide)
        {
            CheckFeatures(wideFeatures.Span, featureNames);
        }
        else
        {
            CheckFeatures(features.Span, featureNames);
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
        _wideFeatures = wideFeatures;
        _isWide = isWide;
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

    /// <summary>Reads the next row's features as float32: float32 features exactly, float64 features rounded to float32.</summary>
    /// <param name="features">Receives the row's features; at least <see cref="FeatureNames"/>.Count long.</param>
    /// <param name="cancellationToken">Not used: the rows are in memory.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> after the last row.</returns>
    /// <exception cref="OverflowException">A float64 feature of the row is beyond the float32 range (the message names its row and column).</exception>
    public ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _labels.Length)
        {
            return ValueTask.FromResult(false);
        }

        var cols = FeatureNames.Count;
        var row = (int)RowsRead;
        if (_isWide)
        {
            var values = _wideFeatures.Span.Slice(row * cols, cols);
            var target = features.Span[..cols];
            for (var j = 0; j < cols; j++)
            {
                target[j] = (float)values[j];
                if (!float.IsFinite(target[j]))
                {
                    throw new OverflowException($"Row {row}, feature \"{FeatureNames[j]}\" is {values[j]}, beyond the float32 range; read the rows as float64.");
                }
            }
        }
        else
        {
            _features.Span.Slice(row * cols, cols).CopyTo(features.Span);
        }

        TakeRow(row);
        return ValueTask.FromResult(true);
    }

    /// <summary>Reads the next row's features as float64: float64 features exactly, float32 features widened (also exactly).</summary>
    /// <param name="features">Receives the row's features; at least <see cref="FeatureNames"/>.Count long.</param>
    /// <param name="cancellationToken">Not used: the rows are in memory.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> after the last row.</returns>
    public ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _labels.Length)
        {
            return ValueTask.FromResult(false);
        }

        var cols = FeatureNames.Count;
        var row = (int)RowsRead;
        if (_isWide)
        {
            _wideFeatures.Span.Slice(row * cols, cols).CopyTo(features.Span);
        }
        else
        {
            var values = _features.Span.Slice(row * cols, cols);
            var target = features.Span[..cols];
            for (var j = 0; j < cols; j++)
            {
                target[j] = values[j];
            }
        }

        TakeRow(row);
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

    private static void CheckFeatures<T>(ReadOnlySpan<T> values, IReadOnlyList<string> featureNames)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new ArgumentException($"Row {i / featureNames.Count}, feature \"{featureNames[i % featureNames.Count]}\" is {values[i]}; values must be finite.");
            }
        }
    }

    /// <summary>Takes row <paramref name="row"/>'s label and weight and moves past it.</summary>
    private void TakeRow(int row)
    {
        CurrentLabel = _labels.Span[row];
        if (WeightName is not null)
        {
            CurrentWeight = _weights.Span[row];
        }

        RowsRead++;
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
