using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;
using Parquet;

namespace OrleansTrainer.Ingest;

/// <summary>
/// The first pass over a Parquet file: reads, row group by row group, the one-hot columns (their categories) and, under
/// mean imputation, the numeric feature columns (their present numbers) into a <see cref="ColumnProfile"/>.
/// </summary>
internal static class ParquetFirstPass
{
    /// <summary>Profiles the feature columns <paramref name="features"/>, encoded as <paramref name="kinds"/> say, over every row group of <paramref name="file"/>.</summary>
    /// <exception cref="DataSourceException">A row group or a column cannot be read.</exception>
    public static async Task<ColumnProfile> ReadAsync(ParquetReader file, IReadOnlyList<ParquetColumn> features, ColumnEncodingKind[] kinds, MissingValuePolicy missing,
        string sourceName, CancellationToken cancellationToken)
    {
        var profile = new ColumnProfile(kinds, missing);
        var slots = Enumerable.Range(0, kinds.Length)
            .Where(slot => kinds[slot] == ColumnEncodingKind.OneHot || kinds[slot] == ColumnEncodingKind.Numeric && missing == MissingValuePolicy.Mean)
            .ToArray();
        long start = 0;
        for (var group = 0; group < file.RowGroupCount; group++)
        {
            var rows = await ParquetColumn.LoadRowGroupAsync(file, group, slots.Select(slot => features[slot]), sourceName, cancellationToken);
            foreach (var slot in slots)
            {
                for (var i = 0; i < rows; i++)
                {
                    var cell = features[slot][i];
                    if (profile.IsOneHot(slot))
                    {
                        profile.AddCategory(slot, cell.Text, start + i);
                    }
                    else if (!cell.IsNull)
                    {
                        profile.AddNumber(slot, cell.Number);
                    }
                }
            }

            start += rows;
        }

        return profile;
    }
}
