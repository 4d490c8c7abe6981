using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>Decides each source feature column's <see cref="ColumnEncoding"/> from the ingest options, the header and the first pass's profile.</summary>
internal static class EncodingPlanner
{
    /// <summary>The most bits a hashed column may have: 2^20 dense features.</summary>
    public const int MaxHashBits = 20;

    /// <summary>The feature slots of the one-hot columns <paramref name="options"/> names.</summary>
    /// <exception cref="CsvFormatException">A named column is not a feature column of <paramref name="header"/> (the message suggests the nearest name).</exception>
    public static HashSet<int> OneHotSlots(CsvHeader header, CsvIngestOptions options, string sourceName) =>
        [.. options.CategoricalColumns.Select(column => header.FeatureSlotOf(column, "categorical", options.Dialect, sourceName))];

    /// <summary>The encoding of every feature column of <paramref name="header"/>.</summary>
    /// <param name="header">The validated header.</param>
    /// <param name="options">The categorical, hashed and missing-value options.</param>
    /// <param name="profile">The first pass's profile; required when <see cref="CsvIngestOptions.NeedsFirstPass"/>.</param>
    /// <param name="sourceName">The input's name for error messages.</param>
    /// <exception cref="CsvFormatException">
    /// A categorical or hashed column is not a feature column, a column is both, or a mean-imputed column has no numbers.
    /// </exception>
    public static DatasetEncoding Plan(CsvHeader header, CsvIngestOptions options, CsvColumnProfile? profile, string sourceName)
    {
        HashSet<int> oneHot = OneHotSlots(header, options, sourceName);
        var hashed = new Dictionary<int, int>();
        foreach ((string column, int bits) in options.HashedColumns)
        {
            int slot = header.FeatureSlotOf(column, "hashed", options.Dialect, sourceName);
            if (oneHot.Contains(slot))
            {
                throw new CsvFormatException(sourceName, Math.Max(1, header.Line), null, column, "a column cannot be both one-hot (categorical) and hashed");
            }

            hashed[slot] = bits;
        }

        var columns = new ColumnEncoding[header.FeatureNames.Length];
        for (int slot = 0; slot < columns.Length; slot++)
        {
            var numeric = new ColumnEncoding { Column = header.FeatureNames[slot], Missing = options.Missing };
            columns[slot] = oneHot.Contains(slot) ? numeric with
            {
                Kind = ColumnEncodingKind.OneHot,
                Categories = Required(profile).Vocabulary(slot, options.MaxCategories),
                HasOtherBucket = options.MaxCategories is not null,
            }
            : hashed.TryGetValue(slot, out int bits) ? numeric with { Kind = ColumnEncodingKind.Hashed, HashBits = bits, HashSeed = options.HashSeed }
            : numeric with { Fill = Fill(slot), MissingIndicator = options.MissingIndicator };
        }

        return new DatasetEncoding { Columns = columns };

        double Fill(int slot) => options.Missing switch
        {
            MissingValuePolicy.Constant => options.MissingConstant,
            MissingValuePolicy.Mean => Required(profile).Mean(slot)
                ?? throw new CsvFormatException(sourceName, Math.Max(1, header.Line), null, header.FeatureNames[slot], "no number in the column to take the mean of for its empty cells"),
            _ => 0,
        };
    }

    /// <summary>Checks the options that need no file: the cap and the hash bits.</summary>
    /// <exception cref="ArgumentException">The cap is below 1, bits are outside 1 .. <see cref="MaxHashBits"/>, or a column is named empty.</exception>
    public static void Validate(CsvIngestOptions options)
    {
        if (options.MaxCategories is < 1)
        {
            throw new ArgumentException($"MaxCategories must be at least 1, not {options.MaxCategories}.", nameof(options));
        }

        foreach ((string column, int bits) in options.HashedColumns)
        {
            if (bits is < 1 or > MaxHashBits)
            {
                throw new ArgumentException($"The hashed column \"{column}\" needs 1 to {MaxHashBits} bits, not {bits}.", nameof(options));
            }
        }

        if (options.CategoricalColumns.Concat(options.HashedColumns.Keys).Concat(options.IgnoreColumns).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A categorical, hashed or ignored column needs a name.", nameof(options));
        }

        if (!double.IsFinite(options.MissingConstant))
        {
            throw new ArgumentException($"The missing-value constant must be finite, not {options.MissingConstant}.", nameof(options));
        }

        options.Dialect.Validate();
    }

    private static CsvColumnProfile Required(CsvColumnProfile? profile) =>
        profile ?? throw new InvalidOperationException("One-hot vocabularies and column means need the first pass's profile.");
}
