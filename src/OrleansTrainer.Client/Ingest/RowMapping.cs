using System.Collections;

namespace OrleansTrainer.Client.Ingest;

/// <summary>
/// How a typed .NET row becomes a dataset row: named features, each a function of the row, the label and optionally
/// an instance weight. Features keep the order they are added in:
/// <code>new RowMapping&lt;Patient&gt;("progression", p =&gt; p.Progression) { { "age", p =&gt; p.Age }, { "bmi", p =&gt; p.Bmi } }</code>
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class RowMapping<T> : IEnumerable<KeyValuePair<string, Func<T, double>>>
{
    private readonly List<KeyValuePair<string, Func<T, double>>> _features = [];

    /// <summary>Starts a mapping with its label.</summary>
    /// <param name="labelName">The label's name.</param>
    /// <param name="label">The label of a row.</param>
    public RowMapping(string labelName, Func<T, double> label)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelName);
        ArgumentNullException.ThrowIfNull(label);
        LabelName = labelName;
        Label = label;
    }

    /// <summary>The label's name.</summary>
    public string LabelName { get; }

    /// <summary>The label of a row.</summary>
    public Func<T, double> Label { get; }

    /// <summary>The instance weight's name, or <see langword="null"/> for unweighted rows; set with <see cref="Weight"/>.</summary>
    public string? WeightName { get; init; }

    /// <summary>The instance weight of a row (finite, at least 0), or <see langword="null"/>; set with <see cref="WeightName"/>.</summary>
    public Func<T, double>? Weight { get; init; }

    /// <summary>The features' names, in the order they were added.</summary>
    public IReadOnlyList<string> FeatureNames => [.. _features.Select(f => f.Key)];

    /// <summary>Adds feature <paramref name="name"/>, the next in order.</summary>
    /// <exception cref="ArgumentException">The name is empty, or already a feature or the label.</exception>
    public void Add(string name, Func<T, double> feature)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(feature);
        if (name == LabelName || _features.Any(f => f.Key == name))
        {
            throw new ArgumentException($"Feature \"{name}\" is already a feature or the label.", nameof(name));
        }

        _features.Add(new(name, feature));
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Func<T, double>>> GetEnumerator() => _features.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
