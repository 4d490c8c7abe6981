using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// A validated header row: unique, non-empty column names, one of which is the label and another, optionally, the
/// weight; columns to ignore are neither features nor read.
/// </summary>
internal sealed class CsvHeader : IFeatureColumns
{
    private const int MostNamesListed = 50;
    private readonly CsvDialect _dialect;
    private readonly string _sourceName;

    private CsvHeader(string[] columnNames, int labelIndex, int weightIndex, HashSet<int> ignored, long line, CsvDialect dialect, string sourceName)
    {
        _dialect = dialect;
        _sourceName = sourceName;
        ColumnNames = columnNames;
        LabelIndex = labelIndex;
        WeightIndex = weightIndex;
        Line = line;
        FeatureSlots = new int[columnNames.Length];
        var featureNames = new List<string>(columnNames.Length);
        for (int i = 0; i < columnNames.Length; i++)
        {
            bool isFeature = i != labelIndex && i != weightIndex && !ignored.Contains(i);
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

    /// <summary>The physical line on which the header row starts; 0 for a file without one, whose names were given.</summary>
    public long Line { get; }

    /// <summary>The column names without the label, the weight and the ignored columns, in file order.</summary>
    public string[] FeatureNames { get; }

    /// <summary>For each column, its 0-based position among <see cref="FeatureNames"/>, or -1 for the label, the weight and ignored columns.</summary>
    public int[] FeatureSlots { get; }

    /// <inheritdoc />
    IReadOnlyList<string> IFeatureColumns.FeatureNames => FeatureNames;

    /// <summary>Checks the header fields and finds the columns <paramref name="roles"/> name.</summary>
    /// <exception cref="CsvFormatException">
    /// A name is empty or repeated, none is the label, the weight or a column to ignore (the message suggests the
    /// nearest name), two roles name the same column, or no column is left to be a feature.
    /// </exception>
    public static CsvHeader Create(IReadOnlyList<CsvHeaderField> fields, CsvColumnRoles roles, string sourceName)
    {
        var positions = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        for (int i = 0; i < fields.Count; i++)
        {
            (string name, long line) = fields[i];
            if (name.Length == 0)
            {
                throw new CsvFormatException(sourceName, Math.Max(1, line), i + 1, null, "empty column name");
            }

            if (HasLoneCarriageReturn(name))
            {
                // A line break inside a quoted name is CRLF or LF; a CR followed by anything else is how a file whose
                // lines end in CR alone (classic Mac OS) looks when it is read as one long line.
                throw new CsvFormatException(sourceName, Math.Max(1, line), i + 1, null,
                    "the column name holds a carriage return that ends no line: the file's lines seem to end in CR alone (classic Mac OS); convert them to LF or CRLF");
            }

            if (!positions.TryAdd(name, i))
            {
                throw new CsvFormatException(sourceName, Math.Max(1, line), i + 1, name, $"duplicate column name (also column {positions[name] + 1})");
            }
        }

        string[] names = fields.Select(field => field.Name).ToArray();
        long headerLine = fields.Count > 0 ? fields[0].Line : 0;
        int labelIndex = IndexOf(positions, names, roles.Label, "label", roles.Dialect, sourceName, headerLine);
        int weightIndex = roles.Weight is null ? -1 : IndexOf(positions, names, roles.Weight, "weight", roles.Dialect, sourceName, headerLine);
        if (weightIndex == labelIndex)
        {
            throw new CsvFormatException(sourceName, Math.Max(1, headerLine), weightIndex + 1, roles.Weight, "the weight column cannot also be the label column");
        }

        var ignored = new HashSet<int>();
        foreach (string column in roles.Ignore)
        {
            int index = IndexOf(positions, names, column, "ignored", roles.Dialect, sourceName, headerLine);
            if (index == labelIndex || index == weightIndex)
            {
                throw new CsvFormatException(sourceName, Math.Max(1, headerLine), index + 1, column, $"the {(index == labelIndex ? "label" : "weight")} column cannot be ignored");
            }

            ignored.Add(index);
        }

        if (ignored.Count + (weightIndex < 0 ? 1 : 2) == names.Length)
        {
            throw new CsvFormatException(sourceName, Math.Max(1, headerLine), null, null,
                $"no feature column: the columns are only the label{(weightIndex < 0 ? "" : ", the weight")}{(ignored.Count == 0 ? "" : " and ignored ones")}; a dataset needs at least one feature");
        }

        return new CsvHeader(names, labelIndex, weightIndex, ignored, headerLine, roles.Dialect, sourceName);
    }

    /// <summary>
    /// The position of <paramref name="column"/>, else an error that lists the columns, suggests the nearest name, and
    /// names the delimiter when a single column holds another one (a ';' file read as ',').
    /// </summary>
    /// <exception cref="CsvFormatException">No column is named <paramref name="column"/>.</exception>
    public static int IndexOf(Dictionary<string, int> positions, string[] names, string column, string role, CsvDialect dialect, string sourceName, long headerLine)
    {
        if (positions.TryGetValue(column, out int index))
        {
            return index;
        }

        string reason = $"no {role} column \"{column}\"{NameSuggestion.DidYouMean(column, names)}; the columns are {ListNames(names)}";
        if (names.Length == 1 && Array.Find([';', ',', '\t', '|'], c => c != dialect.Delimiter && names[0].Contains(c)) is var other and not '\0')
        {
            reason += $" (one column holding '{(other == '\t' ? "\\t" : other.ToString())}': is the file separated by '{(other == '\t' ? "\\t" : other.ToString())}'? set the delimiter)";
        }

        throw new CsvFormatException(sourceName, Math.Max(1, headerLine), null, column, reason);
    }

    /// <summary>The position among <see cref="FeatureNames"/> of the feature column <paramref name="column"/>, given a <paramref name="role"/> by an option.</summary>
    /// <exception cref="CsvFormatException">No column has the name, or it is the label, the weight or ignored.</exception>
    public int FeatureSlotOf(string column, string role)
    {
        var positions = ColumnNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        int index = IndexOf(positions, ColumnNames, column, role, _dialect, _sourceName, Line);
        return FeatureSlots[index] >= 0
            ? FeatureSlots[index]
            : throw new CsvFormatException(_sourceName, Math.Max(1, Line), index + 1, column, $"the {role} column \"{column}\" is the label, the weight or an ignored column, not a feature");
    }

    /// <summary>An error about <paramref name="column"/> located at the header line.</summary>
    public FormatException Error(string column, string reason) => new CsvFormatException(_sourceName, Math.Max(1, Line), null, column, reason);

    private static string ListNames(string[] names)
    {
        string listed = string.Join(", ", names.Take(MostNamesListed).Select(name => $"\"{name}\""));
        return names.Length <= MostNamesListed ? listed : $"{listed}, ... ({names.Length} in all)";
    }

    private static bool HasLoneCarriageReturn(string name)
    {
        for (int at = name.IndexOf('\r'); at >= 0; at = name.IndexOf('\r', at + 1))
        {
            if (at + 1 == name.Length || name[at + 1] != '\n')
            {
                return true;
            }
        }

        return false;
    }
}
