using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads a CSR OTDS file (version 1, kind 2, float32 or float64 values, float64 labels): the sparse format the peer
/// benchmarks in <c>shared/peers</c> write. A 64-byte little-endian header, then the int64 row pointers, the int32
/// column ids, the values and the labels, each section starting at a multiple of 64 bytes.
/// </summary>
/// <remarks>
/// Rows stream from disk: memory stays a buffer per section, however large the file or a row. Every rule of the
/// format is checked as the rows go by (pointers that start at 0, never decrease and end at nnz; column ids in range
/// and strictly increasing within a row; finite values and labels), and a float64 value must also fit float32, as rows
/// are delivered in float32. Explicit zeros are dropped. Bad data throws <see cref="InvalidDataException"/> naming the
/// file and the row; the reader cannot continue after it.
/// </remarks>
public sealed class OtdsSparseRowReader : ISparseRowReader, IDisposable
{
    private const int HeaderBytes = OtdsHeader.Bytes;
    private const int BufferRows = 4096;
    private const int BufferEntries = 1 << 16;
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly long _rows;
    private readonly long _nnz;
    private readonly int _valueBytes;
    private readonly OtdsSection _pointers;
    private readonly OtdsSection _indices;
    private readonly OtdsSection _values;
    private readonly OtdsSection _labels;
    private long _rowStart;

    private OtdsSparseRowReader(SafeFileHandle file, string path, long rows, int cols, long nnz, int valueBytes)
    {
        _file = file;
        _path = path;
        _rows = rows;
        _nnz = nnz;
        _valueBytes = valueBytes;
        Dimension = cols;
        SourceName = Path.GetFileName(path);
        (long indicesAt, long valuesAt, long labelsAt, _) = Layout(rows, nnz, valueBytes);
        _pointers = new OtdsSection(file, path, HeaderBytes + sizeof(long), rows * sizeof(long), BufferRows * sizeof(long));
        _indices = new OtdsSection(file, path, indicesAt, nnz * sizeof(int), BufferEntries * sizeof(int));
        _values = new OtdsSection(file, path, valuesAt, nnz * valueBytes, BufferEntries * valueBytes);
        _labels = new OtdsSection(file, path, labelsAt, rows * sizeof(double), BufferRows * sizeof(double));
    }

    /// <summary>The file's name, without its directory.</summary>
    public string SourceName { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <summary>Always <see langword="null"/>: OTDS files carry no instance weights.</summary>
    public string? WeightName => null;

    /// <summary>Always 1: OTDS files carry no instance weights.</summary>
    public double CurrentWeight => 1;

    /// <summary>The header's column count, fixed from the start.</summary>
    public int Dimension { get; }

    /// <summary>Opens a CSR OTDS file after checking its header, its size and its first row pointer.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">
    /// The file is not a CSR OTDS version 1 dataset with float32 or float64 values, has more than 2^31 - 1 columns,
    /// its size does not match its header, or its row pointers do not start at 0.
    /// </exception>
    public static OtdsSparseRowReader Open(string path)
    {
        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return Open(file, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The row breaks a rule of the format (see the remarks on <see cref="OtdsSparseRowReader"/>).</exception>
    public async ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        indices.Clear();
        values.Clear();
        if (RowsRead == _rows)
        {
            return false;
        }

        await _pointers.FillAsync(sizeof(long), cancellationToken).ConfigureAwait(false);
        long rowEnd = BinaryPrimitives.ReadInt64LittleEndian(_pointers.Take(sizeof(long)));
        bool isLast = RowsRead == _rows - 1;
        if (rowEnd < _rowStart || rowEnd > _nnz || (isLast && rowEnd != _nnz))
        {
            throw RowError($"its end pointer {rowEnd} does not lie between its start {_rowStart} and nnz {_nnz}{(isLast ? ", which the last row must end at" : "")}");
        }

        int previous = -1;
        for (long entry = _rowStart; entry < rowEnd; entry += BufferEntries)
        {
            int count = (int)Math.Min(BufferEntries, rowEnd - entry);
            await _indices.FillAsync(count * sizeof(int), cancellationToken).ConfigureAwait(false);
            await _values.FillAsync(count * _valueBytes, cancellationToken).ConfigureAwait(false);
            previous = TakeEntries(count, previous, indices, values);
        }

        await _labels.FillAsync(sizeof(double), cancellationToken).ConfigureAwait(false);
        double label = BinaryPrimitives.ReadDoubleLittleEndian(_labels.Take(sizeof(double)));
        if (!double.IsFinite(label))
        {
            throw RowError($"the label is {label}, not a finite number");
        }

        _rowStart = rowEnd;
        CurrentLabel = label;
        RowsRead++;
        return true;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The file has no rows.</exception>
    public void EnsureHasRows()
    {
        if (_rows == 0)
        {
            throw new InvalidDataException($"{_path}: the OTDS file has no rows.");
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file.Dispose();

    private static OtdsSparseRowReader Open(SafeFileHandle file, string path)
    {
        long length = RandomAccess.GetLength(file);
        Span<byte> header = stackalloc byte[HeaderBytes + sizeof(long)];
        if (length < header.Length || RandomAccess.Read(file, header, 0) < header.Length)
        {
            throw new InvalidDataException($"{path}: shorter than the 64-byte OTDS header and the first row pointer.");
        }

        var (kind, dtype, rows, cols, nnz) = OtdsHeader.Parse(header, path);
        if (kind != 2 || dtype is not (1 or 2))
        {
            throw new InvalidDataException($"{path}: kind {kind}, dtype {dtype}; only CSR (kind 2) float32 or float64 datasets are read as sparse rows.");
        }

        if (rows < 0 || nnz < 0 || cols < 1 || cols > int.MaxValue)
        {
            throw new InvalidDataException($"{path}: {rows} rows x {cols} columns with {nnz} entries is not a readable CSR dataset (columns must lie in 1 .. {int.MaxValue}).");
        }

        var valueBytes = dtype == 1 ? sizeof(float) : sizeof(double);
        long expected = rows > length / sizeof(long) || nnz > length / sizeof(int) ? -1 : Layout(rows, nnz, valueBytes).End;
        if (length != expected)
        {
            throw new InvalidDataException($"{path}: {length} bytes, which does not fit a CSR dataset of {rows} rows and {nnz} {(dtype == 1 ? "float32" : "float64")} entries{(expected < 0 ? "" : $" ({expected} bytes)")}.");
        }

        var first = BinaryPrimitives.ReadInt64LittleEndian(header[HeaderBytes..]);
        if (first != 0 || (rows == 0 && nnz != 0))
        {
            throw new InvalidDataException($"{path}: the row pointers start at {first}; they must start at 0{(rows == 0 ? " and, with no rows, nnz must be 0" : "")}.");
        }

        return new OtdsSparseRowReader(file, path, rows, (int)cols, nnz, valueBytes);
    }

    /// <summary>The offsets of the indices, values and labels sections and the file's length, per the format.</summary>
    private static (long IndicesAt, long ValuesAt, long LabelsAt, long End) Layout(long rows, long nnz, int valueBytes)
    {
        long indicesAt = OtdsHeader.AlignUp(HeaderBytes + ((rows + 1) * sizeof(long)));
        long valuesAt = OtdsHeader.AlignUp(indicesAt + (nnz * sizeof(int)));
        long labelsAt = OtdsHeader.AlignUp(valuesAt + (nnz * valueBytes));
        return (indicesAt, valuesAt, labelsAt, labelsAt + (rows * sizeof(double)));
    }

    /// <summary>Checks and delivers <paramref name="count"/> buffered entries of the row; returns the last column id.</summary>
    private int TakeEntries(int count, int previous, List<int> indices, List<float> values)
    {
        ReadOnlySpan<byte> ids = _indices.Take(count * sizeof(int));
        ReadOnlySpan<byte> raw = _values.Take(count * _valueBytes);
        for (int k = 0; k < count; k++)
        {
            int column = BinaryPrimitives.ReadInt32LittleEndian(ids[(k * sizeof(int))..]);
            if (column <= previous || column >= Dimension)
            {
                throw RowError(column <= previous
                    ? $"column id {column} follows {previous}; column ids must strictly increase within a row"
                    : $"column id {column} is outside [0, {Dimension})");
            }

            float value;
            if (_valueBytes == sizeof(float))
            {
                value = BinaryPrimitives.ReadSingleLittleEndian(raw[(k * sizeof(float))..]);
            }
            else
            {
                double wide = BinaryPrimitives.ReadDoubleLittleEndian(raw[(k * sizeof(double))..]);
                value = (float)wide;
                if (double.IsFinite(wide) && !float.IsFinite(value))
                {
                    throw RowError($"column {column} holds {wide}, beyond the float32 range");
                }
            }

            if (!float.IsFinite(value))
            {
                throw RowError($"column {column} holds {value}, not a finite number");
            }

            if (value != 0)
            {
                indices.Add(column);
                values.Add(value);
            }

            previous = column;
        }

        return previous;
    }

    private InvalidDataException RowError(string reason) => new($"{_path}: row {RowsRead}: {reason}.");

}
