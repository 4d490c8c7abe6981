namespace OrleansTrainer.Ingest;

/// <summary>A reader of text that skips blank lines between records when asked to, and counts them for the dataset's record.</summary>
internal interface IBlankLineSkipper
{
    /// <summary>The blank lines between records skipped so far.</summary>
    long SkippedBlankLines { get; }
}
