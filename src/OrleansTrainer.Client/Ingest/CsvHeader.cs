namespace OrleansTrainer.Client.Ingest;

/// <summary>A validated header row: unique, non-empty column names, one of which is the label.</summary>
internal sealed class CsvHeader
{
    private const int MostNamesListed = 50;

    private CsvHeader(string[] columnNames, int labelIndex, long line)
    {
        ColumnNames = columnNames;
        LabelIndex = labelIndex;
        Line = line;
        FeatureNames = [.. columnNames[..labelIndex], .. columnNames[(labelIndex + 1)..]];
    }

    /// <summary>All column names, in file order.</summary>
    public string[] ColumnNames { get; }

    /// <summary>The 0-based position of the label among <see cref="ColumnNames"/>.</summary>
    public int LabelIndex { get; }

    /// <summary>The physical line on which the header row starts.</summary>
    public long Line { get; }

    /// <summary>The column names without the label, in file order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>Checks the header fields and finds the label column.</summary>
    /// <exception cref="CsvFormatException">A name is empty or repeated, or none is <paramref name="labelColumn"/>.</exception>
    public static CsvHeader Create(IReadOnlyList<CsvHeaderField> fields, string labelColumn, string sourceName)
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
        if (!positions.TryGetValue(labelColumn, out int labelIndex))
        {
            throw new CsvFormatException(sourceName, fields[0].Line, null, labelColumn, $"no label column \"{labelColumn}\"; the columns are {ListNames(names)}");
        }

        return new CsvHeader(names, labelIndex, fields[0].Line);
    }

    private static string ListNames(string[] names)
    {
        string listed = string.Join(", ", names.Take(MostNamesListed).Select(name => $"\"{name}\""));
        return names.Length <= MostNamesListed ? listed : $"{listed}, ... ({names.Length} in all)";
    }
}
