namespace OrleansTrainer.Ingest;

/// <summary>How <see cref="LibSvmReader"/> turns the label written on a line into the row's label.</summary>
public enum LibSvmLabelMapping
{
    /// <summary>The label is used as written (any finite number): for regression, or classes already numbered 0, 1, ...</summary>
    AsIs,

    /// <summary>
    /// Labels -1 and 0 become 0 and +1 becomes 1, so that a ±1 file trains as logistic regression; any other label
    /// is an error.
    /// </summary>
    SignsToBinary,
}
