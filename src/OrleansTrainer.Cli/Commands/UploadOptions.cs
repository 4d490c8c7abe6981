using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// Turns the options of <c>otrain dataset upload</c> into <see cref="CsvIngestOptions"/> or, for Parquet,
/// <see cref="TableIngestOptions"/>: the columns' roles, categorical columns and missing values the same for both; a
/// malformed option is a usage error naming it.
/// </summary>
internal static class UploadOptions
{
    /// <summary>The CSV ingest options <paramref name="settings"/> give.</summary>
    /// <exception cref="CliException">An option is malformed.</exception>
    public static CsvIngestOptions Csv(DatasetUploadCommand.Settings settings) => Columns(settings, new CsvIngestOptions
    {
        Dialect = settings.Dialect(),
        ColumnNames = settings.Columns is null ? null : Names(settings.Columns, "--columns"),
        SkipBlankLines = settings.SkipBlankLines,
    });

    /// <summary>The Parquet ingest options <paramref name="settings"/> give.</summary>
    /// <exception cref="CliException">An option is malformed.</exception>
    public static TableIngestOptions Parquet(DatasetUploadCommand.Settings settings) => Columns(settings, new TableIngestOptions());

    /// <summary>Sets the options every source of named columns shares on <paramref name="options"/>.</summary>
    private static T Columns<T>(DatasetUploadCommand.Settings settings, T options)
        where T : ColumnIngestOptions
    {
        var (missing, constant) = Missing(settings.Missing);
        options.LabelColumn = settings.Label!;
        options.WeightColumn = settings.Weight;
        options.ShardCount = settings.Shards;
        options.FeatureType = settings.Float64 ? FeatureType.Float64 : FeatureType.Float32;
        options.IgnoreColumns = settings.Ignore is null ? [] : Names(settings.Ignore, "--ignore");
        options.CategoricalColumns = settings.Categorical is null ? [] : Names(settings.Categorical, "--categorical");
        options.MaxCategories = settings.MaxCategories;
        options.HashedColumns = settings.HashCategorical is null ? new Dictionary<string, int>() : Hashed(settings.HashCategorical);
        options.Missing = missing;
        options.MissingConstant = constant;
        options.MissingIndicator = settings.MissingIndicator;
        return options;
    }

    private static string[] Names(string list, string option)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries);
        return names.Any(n => n.Length == 0) ? throw CliException.Usage($"{option} has an empty column name in \"{list}\"") : names;
    }

    /// <summary><c>col:bits,col2:bits</c>.</summary>
    private static Dictionary<string, int> Hashed(string list)
    {
        var hashed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Names(list, "--hash-categorical"))
        {
            var colon = item.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
            {
                throw CliException.Usage($"--hash-categorical takes COLUMN:BITS items, not \"{item}\"");
            }

            if (!hashed.TryAdd(item[..colon], bits))
            {
                throw CliException.Usage($"--hash-categorical names \"{item[..colon]}\" twice");
            }
        }

        return hashed;
    }

    /// <summary><c>refuse</c>, <c>mean</c> or <c>constant:VALUE</c>.</summary>
    private static (MissingValuePolicy Policy, double Constant) Missing(string text) => text switch
    {
        "refuse" => (MissingValuePolicy.Refuse, 0),
        "mean" => (MissingValuePolicy.Mean, 0),
        _ when text.StartsWith("constant:", StringComparison.Ordinal)
            && double.TryParse(text.AsSpan("constant:".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            => (MissingValuePolicy.Constant, value),
        _ => throw CliException.Usage($"--missing must be refuse, mean or constant:VALUE (a finite number with '.'), not '{text}'"),
    };
}
