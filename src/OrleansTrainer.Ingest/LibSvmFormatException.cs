namespace OrleansTrainer.Ingest;

/// <summary>
/// Bad LIBSVM input, located by source, line and character position, for example
/// <c>data.svm line 7, column 12: index 0 is not allowed (indices are 1-based)</c>.
/// </summary>
public sealed class LibSvmFormatException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and the reason.</summary>
    /// <param name="sourceName">The name of the input, as shown to the user (usually its file name).</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based character position, on that line, of the offending token.</param>
    /// <param name="reason">What is wrong, without the location.</param>
    public LibSvmFormatException(string sourceName, long line, int column, string reason)
        : base($"{sourceName} line {line}, column {column}: {reason}")
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The name of the input, as shown to the user (usually its file name).</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public long Line { get; }

    /// <summary>
    /// The 1-based character position of the offending token on <see cref="Line"/> (a tab counts as one character):
    /// where the label, the index:value pair, or for a bad value the value after the colon, starts.
    /// </summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
