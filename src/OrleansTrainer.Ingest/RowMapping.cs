using System.Collections;

namespace OrleansTrainer.Ingest;

/// <summary>
/// How a typed .NET row becomes a dataset row: named features, each a function of the row, the label and optionally
/// an instance weight. Features keep the order they are added in; a feature may be nullable, a null being a missing
/// value for the ingest options' missing-value policy:
/// <code>new RowMapping&lt;Patient&gt;("progression", p =&gt; p.Progression) { { "age", p =&gt; p.Age }, { "bmi", p =&gt; p.Bmi } }</code>
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class RowMapping<T> : IEnumerable<KeyValuePair<string, Func<T, double?>>>
{
    private readonly List<KeyValuePair<string, Func<T, double?>>> _features = [];

    /// <summary>Starts a mapping with its label and, optionally, an instance weight.</summary>
    /// <param name="labelName">The label's name.</param>
    /// <param name="label">The label of a row.</param>
    /// <param name="weightName">The weight's name, or <see langword="null"/> for unweighted rows.</param>
    /// <param name="weight">The weight of a row (finite, at least 0), given with <paramref name="weightName"/>.</param>
    /// <exception cref="ArgumentException">A weight comes without a name, or a name without a weight, or the weight is named as the label.</exception>
    public RowMapping(string labelName, Func<T, double> label, string? weightName = null, Func<T, double>? weight = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelName);
        ArgumentNullException.ThrowIfNull(label);
        if (weightName is null != weight is null || weightName == labelName)
        {
            throw new ArgumentException("A weight needs a name and a function, and its name cannot be the label's.", nameof(weightName));
        }

        LabelName = labelName;
        Label = label;
        WeightName = weightName;
        Weight = weight;
    }

    /// <summary>The label's name.</summary>
    public string LabelName { get; }

    /// <summary>The label of a row.</summary>
    public Func<T, double> Label { get; }

    /// <summary>The instance weight's name, or <see langword="null"/> for unweighted rows.</summary>
    public string? WeightName { get; }

    /// <summary>The instance weight of a row, or <see langword="null"/> for unweighted rows.</summary>
    public Func<T, double>? Weight { get; }

    /// <summary>The features' names, in the order they were added.</summary>
    public IReadOnlyList<string> FeatureNames => [.. _features.Select(f => f.Key)];

    /// <summary>Adds feature <paramref name="name"/>, the next in order.</summary>
    /// <exception cref="ArgumentException">The name is empty, or already a feature, the label or the weight.</exception>
    public void Add(string name, Func<T, double> feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        Insert(name, row => feature(row));
    }

    /// <summary>Adds feature <paramref name="name"/>, the next in order, whose <see langword="null"/> is a missing value.</summary>
    /// <exception cref="ArgumentException">The name is empty, or already a feature, the label or the weight.</exception>
    public void Add(string name, Func<T, double?> feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        Insert(name, feature);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Func<T, double?>>> GetEnumerator() => _features.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Insert(string name, Func<T, double?> feature)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == LabelName || name == WeightName || _features.Any(f => f.Key == name))
        {
            throw new ArgumentException($"Feature \"{name}\" is already a feature, the label or the weight.", nameof(name));
        }

        _features.Add(new(name, feature));
    }
}
