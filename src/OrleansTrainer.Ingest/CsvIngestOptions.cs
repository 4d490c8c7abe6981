using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>How rows become a dataset.</summary>
public class IngestOptions
{
    /// <summary>How many data shards receive the rows (row i goes to shard i mod ShardCount). Default 4.</summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>Target size of one uploaded chunk of rows, in bytes; far below Orleans' message limit. Default 4 MiB.</summary>
    public int ChunkBytes { get; set; } = 4 << 20;

    /// <summary>How the features are stored: float32 (the default, half the bytes) or float64.</summary>
    public FeatureType FeatureType { get; set; } = FeatureType.Float32;

    /// <summary>Receives progress after every uploaded chunk; optional, and not sent to the silos with the options.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IProgress<IngestProgress>? Progress { get; set; }
}

/// <summary>How a CSV file becomes a dataset.</summary>
public sealed class CsvIngestOptions : IngestOptions
{
    /// <summary>The header name of the label column. Required.</summary>
    public string LabelColumn { get; set; } = "";

    /// <summary>The header name of an instance-weight column (finite values ≥ 0); null when rows are unweighted.</summary>
    public string? WeightColumn { get; set; }

    /// <summary>The separator and quote (default: comma and double quote). Decimal points are always '.'.</summary>
    public CsvDialect Dialect { get; set; } = CsvDialect.Default;

    /// <summary>The column names of a file without a header row (its first record is then data); null when the file has a header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>Columns left out: neither features nor read as numbers.</summary>
    public IReadOnlyList<string> IgnoreColumns { get; set; } = [];

    /// <summary>
    /// Columns one-hot encoded: one 0/1 feature per category, the vocabulary built by a first pass over the file
    /// (most frequent first, ties by first appearance), capped by <see cref="MaxCategories"/>.
    /// </summary>
    public IReadOnlyList<string> CategoricalColumns { get; set; } = [];

    /// <summary>
    /// The most categories a one-hot column keeps; the rest, and categories never seen in training, go to a last
    /// feature <c>column=&lt;other&gt;</c>. Null (the default): every category gets a feature and there is no other
    /// bucket, so a category never seen in training is refused at prediction.
    /// </summary>
    public int? MaxCategories { get; set; }

    /// <summary>Columns hashed by <see cref="FeatureHasher"/> onto 2^bits features each: column name → bits (1 to 20).</summary>
    public IReadOnlyDictionary<string, int> HashedColumns { get; set; } = new Dictionary<string, int>();

    /// <summary>The seed of the hashed columns' <see cref="FeatureHasher"/>.</summary>
    public uint HashSeed { get; set; }

    /// <summary>What an empty cell becomes: refused (the default), the column's mean, or <see cref="MissingConstant"/>; categorical columns take the category <c>&lt;missing&gt;</c> unless refused.</summary>
    public MissingValuePolicy Missing { get; set; } = MissingValuePolicy.Refuse;

    /// <summary>The value of an empty numeric cell under <see cref="MissingValuePolicy.Constant"/>.</summary>
    public double MissingConstant { get; set; }

    /// <summary>Whether each numeric column gets a feature <c>column=&lt;missing&gt;</c>: 1 where the cell was empty and imputed, else 0.</summary>
    public bool MissingIndicator { get; set; }

    /// <summary>Whether the encoding needs a first pass over the file: for one-hot vocabularies or column means.</summary>
    public bool NeedsFirstPass => CategoricalColumns.Count > 0 || Missing == MissingValuePolicy.Mean;
}

/// <summary>Ingestion progress.</summary>
/// <param name="Rows">Rows read so far.</param>
/// <param name="UploadedBytes">Bytes of row data uploaded so far.</param>
public readonly record struct IngestProgress(long Rows, long UploadedBytes);
