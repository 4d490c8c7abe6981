namespace OrleansTrainer.Client.Ingest;

/// <summary>A validated header row: unique, non-empty column names, one of which is the label and another, optionally, the weight.</summary>
internal sealed class CsvHeader
{
    private const int MostNamesListed = 50;

    private CsvHeader(string[] columnNames, int labelIndex, int weightIndex, long line)
    {
        ColumnNames = columnNames;
        LabelIndex = labelIndex;
        WeightIndex = weightIndex;
        Line = line;
        FeatureSlots = new int[columnNames.Length];
        var featureNames = new List<string>(columnNames.Length);
        for (int i = 0; i < columnNames.Length; i++)
        {
            bool isFeature = i != labelIndex && i != weightIndex;
            FeatureSlots[i] = isFeature ? featureNames.Count : -1;
            if (isFeature)
            {
                featureNames.Add(columnNames[i]);
            }
        }

        FeatureNames = [.. featureNames];
    }

    /// <summary>All column names, in file order.</summary>
    public string[] ColumnNames { get; }

    /// <summary>The 0-based position of the label among <see cref="ColumnNames"/>.</summary>
    public int LabelIndex { get; }

    /// <summary>The 0-based position of the weight among <see cref="ColumnNames"/>, or -1 when there is no weight column.</summary>
    public int WeightIndex { get; }

    /// <summary>The physical line on which the header row starts.</summary>
    public long Line { get; }

    /// <summary>The column names without the label and the weight, in file order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>For each column, its 0-based position among <see cref="FeatureNames"/>, or -1 for the label and the weight.</summary>
    public int[] FeatureSlots { get; }

    /// <summary>Checks the header fields and finds the label column and, when <paramref name="weightColumn"/> is given, the weight column.</summary>
    /// <exception cref="CsvFormatException">
    /// A name is empty or repeated, none is <paramref name="labelColumn"/> or <paramref name="weightColumn"/>, or the
    /// two name the same column.
    /// </exception>
    public static CsvHeader Create(IReadOnlyList<CsvHeaderField> fields, string labelColumn, string? weightColumn, string sourceName)
    {
        var positions = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            (string name, long line) = fields[i];
            if (name.Length == 0)
            {
                throw new CsvFormatException(sourceName, line, i + 1, null, "empty column name");
            }

            if (!positions.TryAdd(name, i))
            {
                throw new CsvFormatException(sourceName, line, i + 1, name, $"duplicate column name (also column {positions[name] + 1})");
            }
        }

        string[] names = fields.Select(field => field.Name).ToArray();
        int labelIndex = IndexOf(labelColumn, "label");
        int weightIndex = weightColumn is null ? -1 : IndexOf(weightColumn, "weight");
        if (weightIndex == labelIndex)
        {
            throw new CsvFormatException(sourceName, fields[weightIndex].Line, weightIndex + 1, weightColumn, "the weight column cannot also be the label column");
        }

        return new CsvHeader(names, labelIndex, weightIndex, fields[0].Line);

        int IndexOf(string column, string role) => positions.TryGetValue(column, out int index)
            ? index
            : throw new CsvFormatException(sourceName, fields[0].Line, null, column, $"no {role} column \"{column}\"; the columns are {ListNames(names)}");
    }

    private static string ListNames(string[] names)
    {
        string listed = string.Join(", ", names.Take(MostNamesListed).Select(name => $"\"{name}\""));
        return names.Length <= MostNamesListed ? listed : $"{listed}, ... ({names.Length} in all)";
    }
}
