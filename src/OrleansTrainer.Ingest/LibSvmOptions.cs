namespace OrleansTrainer.Ingest;

/// <summary>How <see cref="LibSvmReader"/> reads a LIBSVM (svmlight) file.</summary>
public sealed class LibSvmOptions
{
    /// <summary>
    /// Whether feature indices start at 0. Default <see langword="false"/>: indices start at 1, as LIBSVM writes them,
    /// and index i becomes column i - 1.
    /// </summary>
    public bool ZeroBasedIndices { get; set; }

    /// <summary>
    /// The number of feature columns, at least 1, when it is known in advance: an index at or beyond it is an error.
    /// Default <see langword="null"/>: the dimension is the largest column seen plus one.
    /// </summary>
    public int? Dimension { get; set; }

    /// <summary>How labels are read. Default <see cref="LibSvmLabelMapping.AsIs"/>.</summary>
    public LibSvmLabelMapping LabelMapping { get; set; } = LibSvmLabelMapping.AsIs;
}

/// <summary>How a LIBSVM file becomes a dataset: the shards and chunks, and how the file is read.</summary>
public sealed class LibSvmIngestOptions : IngestOptions
{
    /// <summary>How the file is read (indices, dimension, labels).</summary>
    public LibSvmOptions Reader { get; set; } = new();
}
