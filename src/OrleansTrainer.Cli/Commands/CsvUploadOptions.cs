using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Cli.Commands;

/// <summary>Turns the CSV options of <c>otrain dataset upload</c> into <see cref="CsvIngestOptions"/>; a malformed option is a usage error naming it.</summary>
internal static class CsvUploadOptions
{
    /// <summary>The ingest options <paramref name="settings"/> give.</summary>
    /// <exception cref="CliException">An option is malformed.</exception>
    public static CsvIngestOptions From(DatasetUploadCommand.Settings settings)
    {
        var (missing, constant) = Missing(settings.Missing);
        return new CsvIngestOptions
        {
            LabelColumn = settings.Label!,
            WeightColumn = settings.Weight,
            ShardCount = settings.Shards,
            FeatureType = settings.Float64 ? FeatureType.Float64 : FeatureType.Float32,
            Dialect = settings.Dialect(),
            ColumnNames = settings.Columns is null ? null : Names(settings.Columns, "--columns"),
            IgnoreColumns = settings.Ignore is null ? [] : Names(settings.Ignore, "--ignore"),
            CategoricalColumns = settings.Categorical is null ? [] : Names(settings.Categorical, "--categorical"),
            MaxCategories = settings.MaxCategories,
            HashedColumns = settings.HashCategorical is null ? new Dictionary<string, int>() : Hashed(settings.HashCategorical),
            Missing = missing,
            MissingConstant = constant,
            MissingIndicator = settings.MissingIndicator,
        };
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
