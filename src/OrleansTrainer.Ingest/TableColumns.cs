using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Which columns of a table become features, label and weight, by name (compared ordinally): the one place that turns
/// <see cref="TableIngestOptions"/> and a table's column names into positions, in <see cref="CheckedRow.Cells"/> order.
/// </summary>
internal sealed class TableColumns : IFeatureColumns
{
    private readonly string _sourceName;
    private readonly IReadOnlyList<string> _columns;

    private TableColumns(string sourceName, IReadOnlyList<string> columns, string[] featureNames, string labelName, string? weightName, int[] ordinals)
    {
        _sourceName = sourceName;
        _columns = columns;
        FeatureNames = featureNames;
        LabelName = labelName;
        WeightName = weightName;
        Ordinals = ordinals;
    }

    /// <summary>The feature columns' names, in dataset order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The label column's name.</summary>
    public string LabelName { get; }

    /// <summary>The weight column's name, or <see langword="null"/>.</summary>
    public string? WeightName { get; }

    /// <summary>The table position of each cell: the features in order, the label, then the weight if any.</summary>
    public IReadOnlyList<int> Ordinals { get; }

    /// <summary>Resolves the options against the table's columns.</summary>
    /// <exception cref="DataSourceException">
    /// The table repeats a name, a named column is missing (the nearest name suggested), the label is also the weight,
    /// the label or the weight is ignored, a feature is also the label, the weight or ignored or is named twice, or no
    /// feature is left.
    /// </exception>
    public static TableColumns Resolve(string sourceName, IReadOnlyList<string> columns, TableIngestOptions options)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (!positions.TryAdd(columns[i], i))
            {
                throw new DataSourceException(sourceName, null, null, columns[i], $"the column name is repeated (columns {positions[columns[i]] + 1} and {i + 1})");
            }
        }

        int Find(string name, string role) => positions.TryGetValue(name, out var at)
            ? at
            : throw new DataSourceException(sourceName, null, null, name, NoSuchColumn(name, role, columns));

        var label = Find(options.LabelColumn, "label");
        int? weight = options.WeightColumn is null ? null : Find(options.WeightColumn, "weight");
        if (weight == label)
        {
            throw new DataSourceException(sourceName, null, null, options.LabelColumn, "the weight column cannot also be the label column");
        }

        var ignored = options.IgnoreColumns.Select(name => Find(name, "ignored")).ToHashSet();
        foreach (var kept in (int?[])[label, weight])
        {
            if (kept is { } k && ignored.Contains(k))
            {
                throw new DataSourceException(sourceName, null, null, columns[k], "the label or the weight column cannot be ignored");
            }
        }

        var features = options.FeatureColumns is null
            ? [.. Enumerable.Range(0, columns.Count).Where(i => i != label && i != weight && !ignored.Contains(i))]
            : options.FeatureColumns.Select(name => Find(name, "feature")).ToArray();
        var seen = new HashSet<int>();
        foreach (var feature in features)
        {
            if (feature == label || feature == weight || ignored.Contains(feature) || !seen.Add(feature))
            {
                throw new DataSourceException(sourceName, null, null, columns[feature], "a feature column must be named once and be neither the label, the weight nor ignored");
            }
        }

        if (features.Length == 0)
        {
            throw new DataSourceException(sourceName, null, null, null, "no feature columns: the table holds only the label, the weight and ignored columns");
        }

        int[] ordinals = weight is { } w ? [.. features, label, w] : [.. features, label];
        return new TableColumns(sourceName, columns, [.. features.Select(i => columns[i])], columns[label], weight is { } wi ? columns[wi] : null, ordinals);
    }

    /// <summary>The position among <see cref="FeatureNames"/> of <paramref name="column"/>, which an option gives a <paramref name="role"/>.</summary>
    /// <exception cref="DataSourceException">No column has the name (the nearest one suggested), or it is not a feature.</exception>
    public int FeatureSlotOf(string column, string role)
    {
        for (var slot = 0; slot < FeatureNames.Count; slot++)
        {
            if (string.Equals(FeatureNames[slot], column, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        throw Error(column, _columns.Contains(column, StringComparer.Ordinal)
            ? $"the {role} column is the label, the weight or a column left out, not a feature"
            : NoSuchColumn(column, role, _columns));
    }

    /// <summary>An error about <paramref name="column"/>, in no particular row.</summary>
    public FormatException Error(string column, string reason) => new DataSourceException(_sourceName, null, null, column, reason);

    private static string NoSuchColumn(string name, string role, IReadOnlyList<string> columns) =>
        $"no {role} column of that name{NameSuggestion.DidYouMean(name, columns)}; the columns are {string.Join(", ", columns)}";
}
