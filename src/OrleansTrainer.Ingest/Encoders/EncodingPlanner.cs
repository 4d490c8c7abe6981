using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>Decides each source feature column's <see cref="ColumnEncoding"/> from the ingest options, the source's columns and the first pass's profile.</summary>
internal static class EncodingPlanner
{
    /// <summary>The most bits a hashed column may have: 2^20 dense features.</summary>
    public const int MaxHashBits = 20;

    /// <summary>How each feature column of <paramref name="columns"/> is encoded by <paramref name="options"/>: one-hot, hashed or numeric.</summary>
    /// <exception cref="FormatException">
    /// The source's error: a categorical or hashed column is not a feature column (the message suggests the nearest
    /// name), or a column is both.
    /// </exception>
    public static ColumnEncodingKind[] Kinds(IFeatureColumns columns, ColumnIngestOptions options)
    {
        var kinds = new ColumnEncodingKind[columns.FeatureNames.Count];
        foreach (string column in options.CategoricalColumns)
        {
            kinds[columns.FeatureSlotOf(column, "categorical")] = ColumnEncodingKind.OneHot;
        }

        foreach (string column in options.HashedColumns.Keys)
        {
            int slot = columns.FeatureSlotOf(column, "hashed");
            kinds[slot] = kinds[slot] == ColumnEncodingKind.OneHot
                ? throw columns.Error(column, "a column cannot be both one-hot (categorical) and hashed")
                : ColumnEncodingKind.Hashed;
        }

        return kinds;
    }

    /// <summary>The encoding of every feature column of <paramref name="columns"/>.</summary>
    /// <param name="columns">The source's feature columns.</param>
    /// <param name="options">The categorical, hashed and missing-value options.</param>
    /// <param name="profile">The first pass's profile; required when <see cref="ColumnIngestOptions.NeedsFirstPass"/>.</param>
    /// <exception cref="FormatException">
    /// The source's error: a categorical or hashed column is not a feature column, a column is both, or a
    /// mean-imputed column has no numbers.
    /// </exception>
    public static DatasetEncoding Plan(IFeatureColumns columns, ColumnIngestOptions options, ColumnProfile? profile)
    {
        ColumnEncodingKind[] kinds = Kinds(columns, options);
        var encodings = new ColumnEncoding[kinds.Length];
        for (int slot = 0; slot < kinds.Length; slot++)
        {
            string name = columns.FeatureNames[slot];
            var categorical = new ColumnEncoding { Column = name, Kind = kinds[slot], Missing = options.Missing };
            encodings[slot] = kinds[slot] switch
            {
                ColumnEncodingKind.OneHot => categorical with
                {
                    Categories = Required(profile).Vocabulary(slot, options.MaxCategories), HasOtherBucket = options.MaxCategories is not null,
                },
                ColumnEncodingKind.Hashed => categorical with { HashBits = options.HashedColumns[name], HashSeed = options.HashSeed },
                _ => Numeric(name, options, MissingCell.FillOf(options, () => Required(profile).Mean(slot)
                    ?? throw columns.Error(name, "no number in the column to take the mean of for its missing cells"))),
            };
        }

        return new DatasetEncoding { Columns = encodings };
    }

    /// <summary>The encoding of a source of named columns read once (a query's result), which cannot profile its columns.</summary>
    /// <param name="columns">The source's feature columns.</param>
    /// <param name="options">The hashed and missing-value options.</param>
    /// <param name="source">What is read once, for the error ("a query's result").</param>
    /// <exception cref="ArgumentException">The options ask for one-hot columns or mean imputation, which need a first pass.</exception>
    /// <exception cref="FormatException">The source's error: a hashed column is not a feature column.</exception>
    public static DatasetEncoding PlanWithoutFirstPass(IFeatureColumns columns, ColumnIngestOptions options, string source) =>
        options.NeedsFirstPass
            ? throw new ArgumentException($"One-hot (categorical) columns and mean imputation need a first pass over the rows, and {source} is read once: "
                + "hash the categories (HashedColumns) and impute a constant (MissingValuePolicy.Constant), or compute them in the query.", nameof(options))
            : Plan(columns, options, profile: null);

    /// <summary>The encoding of numeric features only, from a source read once (typed .NET rows).</summary>
    /// <param name="features">The features' names.</param>
    /// <param name="options">The missing-value options.</param>
    /// <param name="source">What is read once, for the error ("typed rows").</param>
    /// <exception cref="ArgumentException">The options ask for mean imputation, which needs a first pass.</exception>
    public static DatasetEncoding PlanNumbers(IReadOnlyList<string> features, MissingValueIngestOptions options, string source) => new()
    {
        Columns = [.. features.Select(name => Numeric(name, options, MissingCell.FillOf(options, () => throw new ArgumentException(
            $"Mean imputation needs a first pass over the rows, and {source} are read once: impute a constant (MissingValuePolicy.Constant) instead.", nameof(options)))))],
    };

    /// <summary>Checks the missing-value options: the constant.</summary>
    /// <exception cref="ArgumentException">The constant is not finite.</exception>
    public static void Validate(MissingValueIngestOptions options)
    {
        if (!double.IsFinite(options.MissingConstant))
        {
            throw new ArgumentException($"The missing-value constant must be finite, not {options.MissingConstant}.", nameof(options));
        }
    }

    /// <summary>Checks the options that need no source: the cap, the hash bits, the names and the constant.</summary>
    /// <exception cref="ArgumentException">The cap is below 1, bits are outside 1 .. <see cref="MaxHashBits"/>, a column is named empty, or the constant is not finite.</exception>
    public static void Validate(ColumnIngestOptions options)
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

        Validate((MissingValueIngestOptions)options);
    }

    private static ColumnEncoding Numeric(string column, MissingValueIngestOptions options, double fill) =>
        new() { Column = column, Missing = options.Missing, Fill = fill, MissingIndicator = options.MissingIndicator };

    private static ColumnProfile Required(ColumnProfile? profile) =>
        profile ?? throw new InvalidOperationException("One-hot vocabularies and column means need the first pass's profile.");
}
