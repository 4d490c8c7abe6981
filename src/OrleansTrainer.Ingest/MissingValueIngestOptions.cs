using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// How rows whose feature cells may be missing (an empty CSV cell, an SQL NULL, a Parquet null, a null from typed
/// .NET rows) become a dataset. <see cref="MissingCell"/> applies the policy; a label or a weight is never imputed.
/// </summary>
public class MissingValueIngestOptions : IngestOptions
{
    /// <summary>
    /// What a missing feature cell becomes: refused (the default), the column's mean (which needs a first pass, so
    /// only a CSV or Parquet file, read twice, allows it), or <see cref="MissingConstant"/>; categorical columns take
    /// the category <c>&lt;missing&gt;</c> unless refused.
    /// </summary>
    public MissingValuePolicy Missing { get; set; } = MissingValuePolicy.Refuse;

    /// <summary>The value of a missing numeric cell under <see cref="MissingValuePolicy.Constant"/>; finite.</summary>
    public double MissingConstant { get; set; }

    /// <summary>Whether each numeric column gets a feature <c>column=&lt;missing&gt;</c>: 1 where the cell was missing and imputed, else 0.</summary>
    public bool MissingIndicator { get; set; }
}
