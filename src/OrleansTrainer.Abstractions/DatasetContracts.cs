namespace OrleansTrainer.Abstractions;

/// <summary>The lifecycle of a dataset.</summary>
public enum DatasetStatus
{
    /// <summary>No dataset exists under this name.</summary>
    None = 0,

    /// <summary>Rows are being uploaded; the dataset cannot be trained on yet.</summary>
    Ingesting = 1,

    /// <summary>All rows are stored and the dataset can be trained on.</summary>
    Ready = 2,
}

/// <summary>How a dataset's features are stored and computed on.</summary>
public enum FeatureType
{
    /// <summary>float32: half the bytes of float64, the default; sums are still accumulated in float64.</summary>
    Float32 = 0,

    /// <summary>float64: full precision, twice the memory and bandwidth.</summary>
    Float64 = 1,

    /// <summary>
    /// Sparse rows (LIBSVM, hashed features): compressed sparse rows of int32 column indices and float32 values; only
    /// the non-zero entries are stored, moved and computed on.
    /// </summary>
    SparseFloat32 = 2,
}

/// <summary>The columns of a dataset.</summary>
[GenerateSerializer, Immutable, Alias("otrain.DatasetSchema")]
public sealed record DatasetSchema
{
    /// <summary>The feature columns, in the order their values are stored in each row.</summary>
    [Id(0)] public string[] FeatureNames { get; init; } = [];

    /// <summary>The label column's name.</summary>
    [Id(1)] public string LabelName { get; init; } = "";

    /// <summary>The instance-weight column's name; null when rows carry no weight (all weigh 1).</summary>
    [Id(2)] public string? WeightName { get; init; }

    /// <summary>How the features are stored.</summary>
    [Id(3)] public FeatureType FeatureType { get; init; }

    /// <summary>
    /// The feature count of a sparse dataset, whose columns have no names (0 while it is ingesting: a LIBSVM file's
    /// dimension is known only at its end); 0 for dense datasets.
    /// </summary>
    [Id(4)] public int SparseDimension { get; init; }

    /// <summary>
    /// How the source columns became the features (categories, hashing, missing values); null for a dataset of plain
    /// numeric columns, and for sparse and in-memory datasets.
    /// </summary>
    [Id(5)] public DatasetEncoding? Encoding { get; init; }

    /// <summary>Whether the rows are stored sparse.</summary>
    public bool IsSparse => FeatureType == FeatureType.SparseFloat32;

    /// <summary>The number of features: the named columns of a dense dataset, the dimension of a sparse one.</summary>
    public int FeatureCount => IsSparse ? SparseDimension : FeatureNames.Length;
}

/// <summary>Statistics of the stored rows (the shards' <see cref="ShardStatistics"/> merged in shard order); used for standardization and for checking job specs.</summary>
[GenerateSerializer, Immutable, Alias("otrain.DatasetStatistics")]
public sealed record DatasetStatistics
{
    /// <summary>Number of rows ingested.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>Per-feature mean (float64 values).</summary>
    [Id(1)] public PackedVector FeatureMean { get; init; } = PackedVector.Empty;

    /// <summary>Per-feature population standard deviation (float64 values).</summary>
    [Id(2)] public PackedVector FeatureStandardDeviation { get; init; } = PackedVector.Empty;

    /// <summary>Whether every label is exactly 0 or 1, as binary logistic regression requires.</summary>
    [Id(3)] public bool LabelsAreBinary { get; init; }

    /// <summary>Smallest label.</summary>
    [Id(4)] public double LabelMin { get; init; }

    /// <summary>Largest label.</summary>
    [Id(5)] public double LabelMax { get; init; }

    /// <summary>Whether every label is a whole number, as softmax regression (class ids) requires.</summary>
    [Id(6)] public bool LabelsAreIntegers { get; init; }

    /// <summary>Sum of the instance weights (the row count when there is no weight column).</summary>
    [Id(7)] public double WeightSum { get; init; }

    /// <summary>The feature count of a sparse dataset as ingested (every column index is below it); 0 for dense ones.</summary>
    [Id(8)] public int SparseDimension { get; init; }

    /// <summary>Stored non-zero feature values over all rows (sparse datasets; rows × columns for dense ones).</summary>
    [Id(9)] public long NonZeros { get; init; }
}

/// <summary>What a dataset grain reports about itself.</summary>
[GenerateSerializer, Immutable, Alias("otrain.DatasetInfo")]
public sealed record DatasetInfo
{
    /// <summary>The dataset's name (its grain key).</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>Lifecycle state.</summary>
    [Id(1)] public DatasetStatus Status { get; init; }

    /// <summary>The columns.</summary>
    [Id(2)] public DatasetSchema Schema { get; init; } = new();

    /// <summary>How many data shards hold the rows. A property of the dataset, never of the cluster.</summary>
    [Id(3)] public int ShardCount { get; init; }

    /// <summary>Rows held by each shard, in shard order.</summary>
    [Id(4)] public long[] ShardRows { get; init; } = [];

    /// <summary>Statistics gathered at ingestion; null while ingesting.</summary>
    [Id(5)] public DatasetStatistics? Statistics { get; init; }

    /// <summary>When ingestion started (UTC).</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bytes of row data held in Redis, summed over shards.</summary>
    [Id(7)] public long StoredBytes { get; init; }

    /// <summary>Blank lines between the records of the source file that ingestion skipped, as it was asked to; 0 when none.</summary>
    [Id(8)] public long SkippedBlankLines { get; init; }

    /// <summary>Total rows over all shards.</summary>
    public long TotalRows => ShardRows.Sum();
}

/// <summary>A block of rows sent to a data shard during ingestion.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardChunk")]
public sealed record ShardChunk
{
    /// <summary>Number of rows in the chunk.</summary>
    [Id(0)] public int Rows { get; init; }

    /// <summary>Number of features per row.</summary>
    [Id(1)] public int Columns { get; init; }

    /// <summary>
    /// Dense chunks: features row-major, <c>Rows * Columns</c> values, float32 or float64 as <see cref="FeatureType"/>
    /// says. Sparse chunks: the float32 value of each stored entry, row after row.
    /// </summary>
    [Id(2)] public PackedVector Features { get; init; } = PackedVector.Empty;

    /// <summary>Labels, float64: <c>Rows</c> values.</summary>
    [Id(3)] public PackedVector Labels { get; init; } = PackedVector.Empty;

    /// <summary>Instance weights, float64: <c>Rows</c> values, or empty when the dataset has no weight column.</summary>
    [Id(4)] public PackedVector Weights { get; init; } = PackedVector.Empty;

    /// <summary>The type of the feature values.</summary>
    [Id(5)] public FeatureType FeatureType { get; init; }

    /// <summary>Sparse chunks: <c>Rows + 1</c> int32 offsets into the entries, from 0 to the entry count; empty for dense chunks.</summary>
    [Id(6)] public PackedVector RowPointers { get; init; } = PackedVector.Empty;

    /// <summary>Sparse chunks: the int32 column index of each entry, strictly increasing within a row; empty for dense chunks.</summary>
    [Id(7)] public PackedVector Indices { get; init; } = PackedVector.Empty;
}

/// <summary>What a data shard reports about itself.</summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardSummary")]
public sealed record ShardSummary
{
    /// <summary>The shard's grain key, <c>{dataset}/{index}</c>.</summary>
    [Id(0)] public string Key { get; init; } = "";

    /// <summary>Rows stored.</summary>
    [Id(1)] public long Rows { get; init; }

    /// <summary>Features per row (sparse shards: one more than the largest column index stored).</summary>
    [Id(2)] public int Columns { get; init; }

    /// <summary>Chunks stored in Redis.</summary>
    [Id(3)] public int Chunks { get; init; }

    /// <summary>Bytes of row data stored in Redis.</summary>
    [Id(4)] public long StoredBytes { get; init; }

    /// <summary>Whether the rows are loaded in the activation's memory.</summary>
    [Id(5)] public bool Loaded { get; init; }

    /// <summary>The ingestion the stored rows belong to.</summary>
    [Id(6)] public string IngestId { get; init; } = "";

    /// <summary>Chunk indices below <see cref="Chunks"/> not yet stored (an ingestion whose readers append out of order).</summary>
    [Id(7)] public int MissingChunks { get; init; }
}
