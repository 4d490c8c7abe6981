using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// THE place that decides what a missing cell becomes, for every source: an empty CSV cell, an empty cell of a raw row
/// at prediction, an SQL NULL, a Parquet null, a null from typed .NET rows. A numeric feature takes its column's fill
/// (the mean or a constant, <see cref="ColumnEncoding.Fill"/>), a categorical one the category
/// <c>&lt;missing&gt;</c>, unless the column refuses missing cells; a label or a weight is never imputed.
/// </summary>
internal static class MissingCell
{
    /// <summary>Why a refused null feature cell is refused, as errors say it.</summary>
    public const string NullRefused = "NULL; missing values are refused: choose a missing-value policy (otrain: --missing mean or constant:VALUE)";

    /// <summary>Whether a cell's text stands for a missing value: empty or only whitespace.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.IsWhiteSpace();

    /// <summary>The value a missing cell of the numeric column <paramref name="column"/> takes, or <see langword="null"/> when the column refuses it.</summary>
    public static double? Fill(ColumnEncoding column) => column.Missing == MissingValuePolicy.Refuse ? null : column.Fill;

    /// <summary>The category a missing categorical cell takes under <paramref name="policy"/>, or <see langword="null"/> when it is refused.</summary>
    public static string? Category(MissingValuePolicy policy) => policy == MissingValuePolicy.Refuse ? null : ColumnEncoding.MissingCategory;

    /// <summary>The fill of a numeric column under <paramref name="options"/>: the constant, the column's mean, or 0 when missing cells are refused.</summary>
    /// <param name="options">The policy and the constant.</param>
    /// <param name="mean">The column's mean over its present numbers; called only under <see cref="MissingValuePolicy.Mean"/>, and throws when there is none to take.</param>
    public static double FillOf(MissingValueIngestOptions options, Func<double> mean) => options.Missing switch
    {
        MissingValuePolicy.Constant => options.MissingConstant,
        MissingValuePolicy.Mean => mean(),
        _ => 0,
    };

    /// <summary>Why a missing label or weight cell is refused.</summary>
    public static string NeverImputed(string role) => $"NULL; a {role} is never imputed";
}
