namespace OrleansTrainer.Ingest;

/// <summary>
/// Which columns of a table become features, label and weight, by name (compared ordinally): the one place that turns
/// <see cref="TableIngestOptions"/> and a table's column names into positions, in <see cref="CheckedRow.Cells"/> order.
/// </summary>
internal sealed class TableColumns
{
    private TableColumns(string[] featureNames, string labelName, string? weightName, int[] ordinals)
    {
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
    /// The table repeats a name, a named column is missing, the label is also the weight, a feature is also the label or
    /// the weight or is named twice, or no feature is left.
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
            : throw new DataSourceException(sourceName, null, null, name, $"no {role} column of that name; the columns are {string.Join(", ", columns)}");

        var label = Find(options.LabelColumn, "label");
        int? weight = options.WeightColumn is null ? null : Find(options.WeightColumn, "weight");
        if (weight == label)
        {
            throw new DataSourceException(sourceName, null, null, options.LabelColumn, "the weight column cannot also be the label column");
        }

        var features = options.FeatureColumns is null
            ? [.. Enumerable.Range(0, columns.Count).Where(i => i != label && i != weight)]
            : options.FeatureColumns.Select(name => Find(name, "feature")).ToArray();
        var seen = new HashSet<int>();
        foreach (var feature in features)
        {
            if (feature == label || feature == weight || !seen.Add(feature))
            {
                throw new DataSourceException(sourceName, null, null, columns[feature], "a feature column must be named once and be neither the label nor the weight");
            }
        }

        if (features.Length == 0)
        {
            throw new DataSourceException(sourceName, null, null, null, "no feature columns: the table holds only the label and the weight");
        }

        int[] ordinals = weight is { } w ? [.. features, label, w] : [.. features, label];
        return new TableColumns([.. features.Select(i => columns[i])], columns[label], weight is { } wi ? columns[wi] : null, ordinals);
    }
}
