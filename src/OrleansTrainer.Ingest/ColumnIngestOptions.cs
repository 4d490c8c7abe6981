using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// How a source of named columns (a CSV file, a Parquet file, a query's result) becomes a dataset: the label, the
/// weight, the columns left out, and how categorical columns and missing cells are encoded (recorded in the dataset's
/// <see cref="DatasetEncoding"/>, which travels with its models).
/// </summary>
public abstract class ColumnIngestOptions : MissingValueIngestOptions
{
    /// <summary>The label column's name. Required.</summary>
    public string LabelColumn { get; set; } = "";

    /// <summary>An instance-weight column's name (finite values ≥ 0); null when rows are unweighted.</summary>
    public string? WeightColumn { get; set; }

    /// <summary>Columns left out: neither features nor read.</summary>
    public IReadOnlyList<string> IgnoreColumns { get; set; } = [];

    /// <summary>
    /// Columns one-hot encoded (CSV text, Parquet strings): one 0/1 feature per category, the vocabulary built by a
    /// first pass over the file (most frequent first, ties by first appearance), capped by <see cref="MaxCategories"/>.
    /// </summary>
    public IReadOnlyList<string> CategoricalColumns { get; set; } = [];

    /// <summary>
    /// The most categories a one-hot column keeps; the rest, and categories never seen in training, go to a last
    /// feature <c>column=&lt;other&gt;</c>. Null (the default): every category gets a feature and there is no other
    /// bucket, so a category never seen in training is refused at prediction.
    /// </summary>
    public int? MaxCategories { get; set; }

    /// <summary>Columns of categories hashed by <see cref="FeatureHasher"/> onto 2^bits features each: column name → bits (1 to 20). No first pass.</summary>
    public IReadOnlyDictionary<string, int> HashedColumns { get; set; } = new Dictionary<string, int>();

    /// <summary>The seed of the hashed columns' <see cref="FeatureHasher"/>.</summary>
    public uint HashSeed { get; set; }

    /// <summary>Whether the encoding needs a first pass over the source: for one-hot vocabularies or column means.</summary>
    public bool NeedsFirstPass => CategoricalColumns.Count > 0 || Missing == MissingValuePolicy.Mean;
}
