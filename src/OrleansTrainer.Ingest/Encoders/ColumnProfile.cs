using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// What the first pass over a file (CSV or Parquet) learns for its encoding: each one-hot column's categories with
/// their counts and first rows, and each numeric column's sum and count of present finite numbers (for mean
/// imputation). Missing cells count as the category <see cref="MissingCell"/> gives them, or not at all when refused.
/// </summary>
internal sealed class ColumnProfile
{
    private readonly Dictionary<string, CategoryCount>?[] _categories;
    private readonly double[] _sums;
    private readonly long[] _counts;
    private readonly MissingValuePolicy _missing;

    /// <summary>A profile of feature columns of <paramref name="kinds"/>; the one-hot ones count categories.</summary>
    public ColumnProfile(IReadOnlyList<ColumnEncodingKind> kinds, MissingValuePolicy missing)
    {
        _categories = [.. kinds.Select(kind => kind == ColumnEncodingKind.OneHot ? new Dictionary<string, CategoryCount>(StringComparer.Ordinal) : null)];
        _sums = new double[kinds.Count];
        _counts = new long[kinds.Count];
        _missing = missing;
    }

    /// <summary>Whether the column at feature slot <paramref name="slot"/> counts categories.</summary>
    public bool IsOneHot(int slot) => _categories[slot] is not null;

    /// <summary>Counts the category of the one-hot column at <paramref name="slot"/> in the 0-based row <paramref name="row"/>: the cell's text, or when it is missing, the category <see cref="MissingCell"/> gives it.</summary>
    public void AddCategory(int slot, ReadOnlySpan<char> cell, long row)
    {
        ReadOnlySpan<char> category = cell;
        if (MissingCell.IsMissing(cell))
        {
            if (MissingCell.Category(_missing) is not { } missing)
            {
                return;
            }

            category = missing;
        }

        var counts = _categories[slot]!.GetAlternateLookup<ReadOnlySpan<char>>();
        counts[category] = counts.TryGetValue(category, out var seen) ? seen with { Count = seen.Count + 1 } : new CategoryCount(1, row);
    }

    /// <summary>Adds a present number of the numeric column at <paramref name="slot"/> to its mean; a value that is not finite is passed over (the second pass refuses it).</summary>
    public void AddNumber(int slot, double value)
    {
        if (double.IsFinite(value))
        {
            _sums[slot] += value;
            _counts[slot]++;
        }
    }

    /// <summary>
    /// The vocabulary of the one-hot column at feature slot <paramref name="slot"/>: most frequent first, ties by
    /// first appearance; the first <paramref name="max"/> when capped.
    /// </summary>
    public string[] Vocabulary(int slot, int? max) =>
        [.. _categories[slot]!.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Value.FirstRow).Take(max ?? int.MaxValue).Select(c => c.Key)];

    /// <summary>The mean of the present numbers of the column at feature slot <paramref name="slot"/>; null when it has none.</summary>
    public double? Mean(int slot) => _counts[slot] > 0 ? _sums[slot] / _counts[slot] : null;

    private readonly record struct CategoryCount(long Count, long FirstRow);
}
