namespace OrleansTrainer.Abstractions;

/// <summary>How one source column of a CSV file becomes features.</summary>
public enum ColumnEncodingKind
{
    /// <summary>The cell is a number: one feature (and a missing-value indicator when asked for).</summary>
    Numeric = 0,

    /// <summary>The cell is a category: one 0/1 feature per category of the vocabulary, and an <c>&lt;other&gt;</c> bucket when capped.</summary>
    OneHot = 1,

    /// <summary>The cell is a category hashed by <c>FeatureHasher</c> onto 2^bits features, contributing ±1 at one of them.</summary>
    Hashed = 2,
}

/// <summary>What an empty cell (or a missing column at prediction) becomes.</summary>
public enum MissingValuePolicy
{
    /// <summary>An empty cell is an error naming its line and column (the default).</summary>
    Refuse = 0,

    /// <summary>A numeric cell takes the column's mean over the non-empty cells of the training file; a categorical one the category <c>&lt;missing&gt;</c>.</summary>
    Mean = 1,

    /// <summary>A numeric cell takes a constant; a categorical one the category <c>&lt;missing&gt;</c>.</summary>
    Constant = 2,
}

/// <summary>
/// How one source column becomes features: the rule a dataset was ingested with and that a model applies again to
/// raw rows. Feature names say where each feature came from: <c>age</c>, <c>age=&lt;missing&gt;</c>, <c>color=red</c>,
/// <c>color=&lt;other&gt;</c>, <c>color#h17</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.ColumnEncoding")]
public sealed record ColumnEncoding
{
    /// <summary>The category a missing categorical cell takes, and the suffix of a numeric column's missing indicator.</summary>
    public const string MissingCategory = "<missing>";

    /// <summary>The bucket of categories outside a capped vocabulary (and of categories never seen in training).</summary>
    public const string OtherCategory = "<other>";

    /// <summary>The source column's header name.</summary>
    [Id(0)] public string Column { get; init; } = "";

    /// <summary>How the column is encoded.</summary>
    [Id(1)] public ColumnEncodingKind Kind { get; init; }

    /// <summary>One-hot: the vocabulary in feature order (most frequent first, ties by first appearance); empty otherwise.</summary>
    [Id(2)] public string[] Categories { get; init; } = [];

    /// <summary>One-hot: whether a last feature <c>&lt;other&gt;</c> takes the categories outside <see cref="Categories"/>.</summary>
    [Id(3)] public bool HasOtherBucket { get; init; }

    /// <summary>Hashed: log2 of the feature count; 0 otherwise.</summary>
    [Id(4)] public int HashBits { get; init; }

    /// <summary>Hashed: the hasher's seed.</summary>
    [Id(5)] public uint HashSeed { get; init; }

    /// <summary>What an empty cell becomes.</summary>
    [Id(6)] public MissingValuePolicy Missing { get; init; }

    /// <summary>Numeric: the value an empty cell takes under <see cref="MissingValuePolicy.Mean"/> or <see cref="MissingValuePolicy.Constant"/>.</summary>
    [Id(7)] public double Fill { get; init; }

    /// <summary>Numeric: whether a feature <c>column=&lt;missing&gt;</c> is 1 for an empty (imputed) cell and 0 otherwise.</summary>
    [Id(8)] public bool MissingIndicator { get; init; }

    /// <summary>The names of the features this column becomes, in feature order.</summary>
    public IEnumerable<string> FeatureNames() => Kind switch
    {
        ColumnEncodingKind.Numeric => MissingIndicator ? [Column, $"{Column}={MissingCategory}"] : [Column],
        ColumnEncodingKind.OneHot => Categories.Select(category => $"{Column}={category}")
            .Concat(HasOtherBucket ? [$"{Column}={OtherCategory}"] : []),
        ColumnEncodingKind.Hashed => Enumerable.Range(0, 1 << HashBits).Select(bucket => $"{Column}#h{bucket}"),
        _ => throw new InvalidOperationException($"Column \"{Column}\" has no encoding kind {(int)Kind}."),
    };
}

/// <summary>How a CSV file's columns became a dataset's features: one <see cref="ColumnEncoding"/> per source feature column, in file order.</summary>
[GenerateSerializer, Immutable, Alias("otrain.DatasetEncoding")]
public sealed record DatasetEncoding
{
    /// <summary>The source feature columns in file order (the label, the weight and ignored columns left out).</summary>
    [Id(0)] public ColumnEncoding[] Columns { get; init; } = [];

    /// <summary>Whether every column is a plain number with empty cells refused, as before encodings existed.</summary>
    public bool IsPlainNumeric => Columns.All(c => c is { Kind: ColumnEncodingKind.Numeric, Missing: MissingValuePolicy.Refuse, MissingIndicator: false });

    /// <summary>The feature names, column after column.</summary>
    public string[] FeatureNames() => [.. Columns.SelectMany(c => c.FeatureNames())];

    /// <summary>The encoding of plain numeric columns named <paramref name="features"/>: what a dataset without a recorded encoding was ingested with.</summary>
    public static DatasetEncoding Numeric(IEnumerable<string> features) => new()
    {
        Columns = [.. features.Select(name => new ColumnEncoding { Column = name })],
    };
}
