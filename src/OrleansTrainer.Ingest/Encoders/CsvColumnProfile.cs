using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// What the first pass over a CSV file learns for its encoding: each one-hot column's categories with their counts
/// and first rows, and each numeric column's sum and count of non-empty numbers (for mean imputation).
/// </summary>
/// <remarks>
/// Records with the wrong field count and cells that are not numbers are passed over: the second pass, which reads
/// every row for the dataset, refuses them with their location.
/// </remarks>
internal sealed class CsvColumnProfile
{
    private readonly Dictionary<string, CategoryCount>?[] _categories;
    private readonly double[] _sums;
    private readonly long[] _counts;

    private CsvColumnProfile(int columns)
    {
        _categories = new Dictionary<string, CategoryCount>?[columns];
        _sums = new double[columns];
        _counts = new long[columns];
    }

    /// <summary>Reads every record after the header of <paramref name="input"/> and profiles the feature columns <paramref name="categorical"/> names (by feature slot).</summary>
    public static async Task<CsvColumnProfile> ReadAsync(CsvTextBuffer input, CsvHeader header, CsvDialect dialect, MissingValuePolicy missing,
        IReadOnlySet<int> categorical, string sourceName, CancellationToken cancellationToken)
    {
        var profile = new CsvColumnProfile(header.FeatureNames.Length);
        foreach (int slot in categorical)
        {
            profile._categories[slot] = new Dictionary<string, CategoryCount>(StringComparer.Ordinal);
        }

        var records = new CsvRecordReader(input, dialect, sourceName);
        var fields = new List<string>();
        for (long row = 0; await records.ReadAsync(fields, cancellationToken).ConfigureAwait(false); row++)
        {
            if (fields.Count == header.ColumnNames.Length)
            {
                profile.Add(header, fields, missing, row);
            }
        }

        return profile;
    }

    /// <summary>
    /// The vocabulary of the one-hot column at feature slot <paramref name="slot"/>: most frequent first, ties by
    /// first appearance; the first <paramref name="max"/> when capped.
    /// </summary>
    public string[] Vocabulary(int slot, int? max) =>
        [.. _categories[slot]!.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Value.FirstRow).Take(max ?? int.MaxValue).Select(c => c.Key)];

    /// <summary>The mean of the non-empty numbers of the column at feature slot <paramref name="slot"/>; null when it has none.</summary>
    public double? Mean(int slot) => _counts[slot] > 0 ? _sums[slot] / _counts[slot] : null;

    private void Add(CsvHeader header, List<string> fields, MissingValuePolicy missing, long row)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            int slot = header.FeatureSlots[i];
            if (slot < 0)
            {
                continue;
            }

            string cell = fields[i];
            bool empty = string.IsNullOrWhiteSpace(cell);
            if (_categories[slot] is { } categories)
            {
                if (!empty || missing != MissingValuePolicy.Refuse)
                {
                    string category = empty ? ColumnEncoding.MissingCategory : cell;
                    categories[category] = categories.TryGetValue(category, out var seen) ? seen with { Count = seen.Count + 1 } : new CategoryCount(1, row);
                }
            }
            else if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                _sums[slot] += value;
                _counts[slot]++;
            }
        }
    }

    private readonly record struct CategoryCount(long Count, long FirstRow);
}
