using System.Globalization;
using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// The first pass over a CSV file: fills a <see cref="ColumnProfile"/> with every record after the header. Records with
/// the wrong field count and cells that are not numbers are passed over: the second pass, which reads every row for the
/// dataset, refuses them with their location.
/// </summary>
internal static class CsvFirstPass
{
    /// <summary>Reads every record after <paramref name="header"/> in <paramref name="input"/> into <paramref name="profile"/>.</summary>
    public static async Task<ColumnProfile> ReadAsync(CsvTextBuffer input, CsvHeader header, CsvDialect dialect, ColumnProfile profile, string sourceName,
        CancellationToken cancellationToken)
    {
        var records = new CsvRecordReader(input, dialect, sourceName);
        var fields = new List<string>();
        for (long row = 0; await records.ReadAsync(fields, cancellationToken).ConfigureAwait(false); row++)
        {
            if (fields.Count == header.ColumnNames.Length)
            {
                Add(profile, header, fields, row);
            }
        }

        return profile;
    }

    private static void Add(ColumnProfile profile, CsvHeader header, List<string> fields, long row)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            int slot = header.FeatureSlots[i];
            if (slot < 0)
            {
                continue;
            }

            if (profile.IsOneHot(slot))
            {
                profile.AddCategory(slot, fields[i], row);
            }
            else if (double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                profile.AddNumber(slot, value);
            }
        }
    }
}
