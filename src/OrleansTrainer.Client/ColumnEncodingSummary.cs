using System.Globalization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>
/// How one source column of a dataset became features, as <c>otrain dataset show</c> and the admin console show it:
/// the one place that words a <see cref="ColumnEncoding"/> for people (<see cref="Describe"/>, <see cref="DescribeMissing"/>)
/// and shapes it for JSON (the properties).
/// </summary>
/// <param name="Column">The source column's name.</param>
/// <param name="Kind"><c>numeric</c>, <c>one-hot</c> or <c>hashed</c>.</param>
/// <param name="Features">How many features the column became.</param>
/// <param name="Categories">One-hot: the size of the vocabulary (without <c>&lt;other&gt;</c>); null otherwise.</param>
/// <param name="OtherBucket">One-hot: whether <c>&lt;other&gt;</c> takes the categories outside the vocabulary; null otherwise.</param>
/// <param name="HashBits">Hashed: log2 of the feature count; null otherwise.</param>
/// <param name="Missing">What an empty cell becomes: <c>refuse</c>, <c>mean</c> or <c>constant</c> (as <c>--missing</c> names them).</param>
/// <param name="Fill">Numeric, not refused: the value an empty cell takes; null otherwise (a categorical empty cell is the category <c>&lt;missing&gt;</c>).</param>
/// <param name="Indicator">The missing-indicator feature (<c>column=&lt;missing&gt;</c>), or null.</param>
public sealed record ColumnEncodingSummary(
    string Column, string Kind, int Features, int? Categories, bool? OtherBucket, int? HashBits, string Missing, double? Fill, string? Indicator)
{
    /// <summary>The summaries of <paramref name="encoding"/>'s columns in file order; none when the dataset has no recorded encoding (plain numeric or sparse).</summary>
    public static ColumnEncodingSummary[] Of(DatasetEncoding? encoding) => encoding is null ? [] : [.. encoding.Columns.Select(Of)];

    /// <summary>The summary of one column.</summary>
    public static ColumnEncodingSummary Of(ColumnEncoding column)
    {
        var oneHot = column.Kind == ColumnEncodingKind.OneHot;
        return new ColumnEncodingSummary(
            column.Column,
            column.Kind switch
            {
                ColumnEncodingKind.Numeric => "numeric",
                ColumnEncodingKind.OneHot => "one-hot",
                ColumnEncodingKind.Hashed => "hashed",
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, $"column \"{column.Column}\" has an unknown encoding kind"),
            },
            column.FeatureNames().Count(),
            oneHot ? column.Categories.Length : null,
            oneHot ? column.HasOtherBucket : null,
            column.Kind == ColumnEncodingKind.Hashed ? column.HashBits : null,
            column.Missing switch
            {
                MissingValuePolicy.Mean => "mean",
                MissingValuePolicy.Constant => "constant",
                _ => "refuse",
            },
            column.Kind == ColumnEncodingKind.Numeric && column.Missing != MissingValuePolicy.Refuse ? column.Fill : null,
            column is { Kind: ColumnEncodingKind.Numeric, MissingIndicator: true } ? column.FeatureNames().Last() : null);
    }

    /// <summary>The encoding in words: <c>numeric</c>, <c>one-hot, 12 categories + &lt;other&gt;</c>, <c>hashed, 2^12 features</c>.</summary>
    public string Describe() => Kind switch
    {
        "one-hot" => $"one-hot, {Categories} categories{(OtherBucket == true ? $" + {ColumnEncoding.OtherCategory}" : "")}",
        "hashed" => $"hashed, 2^{HashBits} features",
        _ => Kind,
    };

    /// <summary>What an empty cell becomes, in words: <c>refused</c>, <c>mean 3.25</c>, <c>constant 0</c>, <c>category &lt;missing&gt;</c>.</summary>
    public string DescribeMissing() => (Missing, Fill) switch
    {
        ("refuse", _) => "refused",
        (_, { } fill) => $"{Missing} {fill.ToString("G6", CultureInfo.InvariantCulture)}",
        _ => $"category {ColumnEncoding.MissingCategory}",
    };
}
