namespace OrleansTrainer.Ingest;

/// <summary>How <see cref="HashedCsvReader"/> turns CSV columns into hashed sparse features.</summary>
public sealed class HashedCsvOptions
{
    /// <summary>The header name of the label column. Required.</summary>
    public string LabelColumn { get; set; } = "";

    /// <summary>The header name of an instance-weight column (finite values ≥ 0); null when rows are unweighted.</summary>
    public string? WeightColumn { get; set; }

    /// <summary>
    /// The header names of the columns read as numbers, each hashed by its name and contributing value × sign.
    /// Every other column but the label and the weight is categorical. Default: none.
    /// </summary>
    public IReadOnlyCollection<string> NumericColumns { get; set; } = [];

    /// <summary>log2 of the number of hashed columns, 1 to 30 (see <see cref="FeatureHasher"/>). Default 20.</summary>
    public int Bits { get; set; } = 20;

    /// <summary>The hash seed (see <see cref="FeatureHasher"/>). Default 0.</summary>
    public uint Seed { get; set; }

    /// <summary>Whether blank lines between records are skipped (and counted) rather than refused, as <see cref="CsvIngestOptions.SkipBlankLines"/>. Default false.</summary>
    public bool SkipBlankLines { get; set; }
}
