using System.Globalization;
using System.Text;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads a LIBSVM (svmlight) file one line at a time: <c>label index:value index:value ... [# comment]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Tokens are separated by spaces or tabs. Indices are 1-based unless <see cref="LibSvmOptions.ZeroBasedIndices"/>
/// is set, and must strictly increase along a line; values are finite numbers in the invariant culture that fit
/// float32, and zeros are dropped. A <c>qid:N</c> token is tolerated and ignored. Everything from a <c>#</c> to the
/// end of the line is a comment; blank lines and comment-only lines are skipped but counted in line numbers. A line
/// with a label and no features is a row whose features are all zero. LIBSVM files carry no instance weights.
/// </para>
/// <para>
/// Bad input stops the read with a <see cref="LibSvmFormatException"/> naming the line and the character position
/// of the offending token; the reader cannot continue after it. Memory stays one line: the file streams.
/// </para>
/// </remarks>
public sealed class LibSvmReader : ISparseRowReader, IDisposable
{
    private const NumberStyles IndexStyle = NumberStyles.AllowLeadingSign;
    private const char ByteOrderMark = '\uFEFF';
    private readonly TextReader _reader;
    private readonly bool _zeroBased;
    private readonly int? _dimension;
    private readonly LibSvmLabelMapping _labelMapping;
    private long _line;
    private int _columnsSeen;

    /// <summary>Reads LIBSVM text from <paramref name="reader"/>.</summary>
    /// <param name="reader">The text. The reader owns it and disposes it.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LibSvmOptions.Dimension"/> is below 1, or <see cref="LibSvmOptions.LabelMapping"/> is not defined.</exception>
    public LibSvmReader(TextReader reader, string sourceName, LibSvmOptions? options = null)
        : this(reader, sourceName, options, firstLine: 1)
    {
    }

    /// <summary>Reads LIBSVM text that starts on physical line <paramref name="firstLine"/> of its source (a part of a file split at line breaks).</summary>
    internal LibSvmReader(TextReader reader, string sourceName, LibSvmOptions? options, long firstLine)
    {
        _line = firstLine - 1;
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= new LibSvmOptions();
        if (options.Dimension is { } dimension)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1, "options.Dimension");
        }

        if (!Enum.IsDefined(options.LabelMapping))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LabelMapping, "unknown label mapping");
        }

        _reader = reader;
        _zeroBased = options.ZeroBasedIndices;
        _dimension = options.Dimension;
        _labelMapping = options.LabelMapping;
        SourceName = sourceName;
    }

    /// <inheritdoc />
    public string SourceName { get; }

    /// <summary>The lines consumed so far, blank and comment lines included.</summary>
    public long LinesRead => _line;

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <summary>Always <see langword="null"/>: LIBSVM rows carry no instance weights.</summary>
    public string? WeightName => null;

    /// <summary>Always 1: LIBSVM rows carry no instance weights.</summary>
    public double CurrentWeight => 1;

    /// <summary>
    /// <see cref="LibSvmOptions.Dimension"/> when it was given. Otherwise the largest column seen so far plus one (0
    /// before any feature), which is final only once <see cref="ReadRowAsync"/> has returned <see langword="false"/>.
    /// </summary>
    public int Dimension => _dimension ?? _columnsSeen;

    /// <summary>Opens a LIBSVM file (UTF-8, or the encoding its byte order mark names) for streaming.</summary>
    /// <param name="path">The file; its name, without the directory, names it in error messages.</param>
    /// <param name="options">How to read it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LibSvmOptions.Dimension"/> is below 1, or <see cref="LibSvmOptions.LabelMapping"/> is not defined.</exception>
    public static LibSvmReader Open(string path, LibSvmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            return new LibSvmReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16), Path.GetFileName(path), options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="LibSvmFormatException">The line is malformed: see the remarks on <see cref="LibSvmReader"/>.</exception>
    public async ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        while (true)
        {
            indices.Clear();
            values.Clear();
            string? line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return false;
            }

            _line++;
            ReadOnlySpan<char> text = _line == 1 && line.StartsWith(ByteOrderMark) ? line.AsSpan(1) : line;
            if (TryParseRow(text, indices, values))
            {
                RowsRead++;
                return true;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="LibSvmFormatException">No row was read; the exception names the line after the last.</exception>
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new LibSvmFormatException(SourceName, _line + 1, 1, "no rows: the input holds no data lines");
        }
    }

    /// <summary>Disposes the underlying <see cref="TextReader"/>.</summary>
    public void Dispose() => _reader.Dispose();

    /// <summary>Parses one line into the row; <see langword="false"/> for a blank or comment-only line.</summary>
    private bool TryParseRow(ReadOnlySpan<char> line, List<int> indices, List<float> values)
    {
        int comment = line.IndexOf('#');
        ReadOnlySpan<char> text = comment < 0 ? line : line[..comment];
        int start = SkipBlanks(text, 0);
        if (start == text.Length)
        {
            return false;
        }

        int end = TokenEnd(text, start);
        double label = ParseLabel(text[start..end], start, isOnlyToken: SkipBlanks(text, end) == text.Length);
        int previous = -1;
        for (start = SkipBlanks(text, end); start < text.Length; start = SkipBlanks(text, end))
        {
            end = TokenEnd(text, start);
            ReadOnlySpan<char> token = text[start..end];
            int colon = token.IndexOf(':');
            if (colon < 0)
            {
                throw Error(start, $"missing colon in \"{token}\" (a feature is index:value)");
            }

            if (token[..colon].SequenceEqual("qid"))
            {
                continue;
            }

            int column = ParseColumn(token[..colon], start, previous);
            float value = ParseValue(token[(colon + 1)..], start + colon + 1, token[..colon]);
            previous = column;
            if (value != 0)
            {
                indices.Add(column);
                values.Add(value);
            }
        }

        _columnsSeen = Math.Max(_columnsSeen, previous + 1);
        CurrentLabel = label;
        return true;
    }

    private double ParseLabel(ReadOnlySpan<char> token, int start, bool isOnlyToken)
    {
        bool isQid = token.SequenceEqual("qid") || token.StartsWith("qid:");
        if (isQid || token.Contains(':'))
        {
            throw Error(start, isOnlyToken && isQid ? $"missing label: the line holds only \"{token}\"" : $"missing label: the line starts with \"{token}\"");
        }

        CsvCellProblem problem = CsvCellParser.ParseLabel(token, out double label);
        if (problem != CsvCellProblem.None)
        {
            throw Error(start, $"label: {CsvCellParser.Describe(problem, token.ToString())}");
        }

        return _labelMapping == LibSvmLabelMapping.AsIs ? label : label switch
        {
            -1 or 0 => 0,
            1 => 1,
            _ => throw Error(start, $"label {token} is not -1, 0 or +1, as signs mapped to binary labels must be"),
        };
    }

    /// <summary>Parses an index into its 0-based column, checking its range and that it follows <paramref name="previous"/>.</summary>
    private int ParseColumn(ReadOnlySpan<char> text, int start, int previous)
    {
        int firstIndex = _zeroBased ? 0 : 1;
        long largest = _dimension is { } dimension ? dimension - 1L + firstIndex : int.MaxValue - 1L + firstIndex;
        if (!long.TryParse(text, IndexStyle, CultureInfo.InvariantCulture, out long index))
        {
            ReadOnlySpan<char> digits = text.TrimStart('-');
            bool isInteger = !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
            throw Error(start, !isInteger ? $"cannot parse index \"{text}\" as an integer"
                : text.StartsWith('-') ? $"negative index {text}"
                : $"index {text} is above the int range (the largest is {int.MaxValue - 1L + firstIndex})");
        }

        if (index < 0)
        {
            throw Error(start, $"negative index {index}");
        }

        if (index < firstIndex)
        {
            throw Error(start, "index 0 is not allowed (indices are 1-based)");
        }

        if (index > largest)
        {
            throw Error(start, _dimension is { } given
                ? $"index {index} is beyond the dimension {given} (indices run {firstIndex} .. {largest})"
                : $"index {index} is above the int range (the largest is {largest})");
        }

        int column = (int)(index - firstIndex);
        if (column <= previous)
        {
            throw Error(start, column == previous
                ? $"duplicate index {index}"
                : $"index {index} follows {previous + firstIndex}; indices must strictly increase along a line");
        }

        return column;
    }

    private float ParseValue(ReadOnlySpan<char> text, int start, ReadOnlySpan<char> index)
    {
        CsvCellProblem problem = CsvCellParser.ParseFeature(text, out float value);
        return problem switch
        {
            CsvCellProblem.None => value,
            CsvCellProblem.Empty => throw Error(start, $"missing value after \"{index}:\""),
            _ => throw Error(start, CsvCellParser.Describe(problem, text.ToString())),
        };
    }

    private LibSvmFormatException Error(int start, string reason) => new(SourceName, _line, start + 1, reason);

    private static int SkipBlanks(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r')
        {
            position++;
        }

        return position;
    }

    private static int TokenEnd(ReadOnlySpan<char> text, int position)
    {
        int length = text[position..].IndexOfAny(" \t\r");
        return length < 0 ? text.Length : position + length;
    }
}
