using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads a dense OTDS file (version 1, kind 1, float32 or float64 features, float64 labels): the binary format the
/// peer benchmarks in <c>shared/peers</c> write. A 64-byte little-endian header, then X row-major, then y, each
/// section starting at a multiple of 64 bytes. Rows stream from disk; memory stays one buffer of rows.
/// </summary>
public sealed class OtdsRowReader : IRowReader, IDisposable
{
    private const int HeaderBytes = OtdsHeader.Bytes;
    private const int BufferRows = 4096;
    private readonly FileStream _features;
    private readonly FileStream _labels;
    private readonly int _valueBytes;
    private readonly byte[] _rowBuffer;
    private readonly byte[] _labelBuffer;
    private readonly long _rows;
    private int _buffered;
    private int _next;

    private OtdsRowReader(string path, long rows, int cols, int valueBytes)
    {
        _rows = rows;
        _valueBytes = valueBytes;
        FeatureNames = Enumerable.Range(0, cols).Select(j => $"x{j}").ToArray();
        _rowBuffer = new byte[BufferRows * cols * valueBytes];
        _labelBuffer = new byte[BufferRows * sizeof(double)];
        _features = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _labels = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _features.Position = HeaderBytes;
        _labels.Position = OtdsHeader.AlignUp(HeaderBytes + rows * cols * valueBytes);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public string LabelName => "y";

    /// <summary>Always <see langword="null"/>: OTDS files carry no instance weights.</summary>
    public string? WeightName => null;

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <summary>Always 1: OTDS files carry no instance weights.</summary>
    public double CurrentWeight => 1;

    /// <summary>Opens a dense OTDS file after checking its header and size.</summary>
    /// <exception cref="InvalidDataException">The file is not a dense OTDS version 1 dataset, or its size does not match its header.</exception>
    public static OtdsRowReader Open(string path)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        long length;
        using (var file = File.OpenRead(path))
        {
            length = file.Length;
            if (file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            {
                throw new InvalidDataException($"{path}: shorter than the 64-byte OTDS header.");
            }
        }

        var (kind, dtype, rows, cols, _) = OtdsHeader.Parse(header, path);
        if (kind != 1 || dtype is not (1 or 2))
        {
            throw new InvalidDataException($"{path}: kind {kind}, dtype {dtype}; only dense (kind 1) float32 or float64 datasets are read.");
        }

        if (rows < 1 || cols < 1 || cols > int.MaxValue / 8 / BufferRows)
        {
            throw new InvalidDataException($"{path}: {rows} rows x {cols} columns is not a readable dataset.");
        }

        var valueBytes = dtype == 1 ? sizeof(float) : sizeof(double);
        var expected = OtdsHeader.AlignUp(HeaderBytes + rows * cols * valueBytes) + rows * sizeof(double);
        if (length != expected)
        {
            throw new InvalidDataException($"{path}: {length} bytes, but a {rows} x {cols} dataset takes {expected}.");
        }

        return new OtdsRowReader(path, rows, (int)cols, valueBytes);
    }

    /// <summary>
    /// Reads the next row's features as float32: a float32 file's exactly, a float64 file's rounded to float32.
    /// </summary>
    /// <param name="features">Receives the row's features; at least <see cref="FeatureNames"/>.Count long.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> at the end of the file.</returns>
    /// <exception cref="InvalidDataException">A feature or the label is NaN or infinite, or a float64 feature is beyond the float32 range.</exception>
    public ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _rows)
        {
            return ValueTask.FromResult(false);
        }

        if (_next == _buffered)
        {
            return FillThenReadRowAsync(features, cancellationToken);
        }

        TakeRow(features.Span);
        return ValueTask.FromResult(true);
    }

    /// <summary>
    /// Reads the next row's features as float64: a float64 file's exactly, a float32 file's widened (also exactly).
    /// </summary>
    /// <param name="features">Receives the row's features; at least <see cref="FeatureNames"/>.Count long.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> at the end of the file.</returns>
    /// <exception cref="InvalidDataException">A feature or the label is NaN or infinite.</exception>
    public ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        if (RowsRead == _rows)
        {
            return ValueTask.FromResult(false);
        }

        if (_next == _buffered)
        {
            return FillThenReadRowAsync(features, cancellationToken);
        }

        TakeRow(features.Span);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new InvalidDataException("The OTDS file has no rows.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _features.Dispose();
        _labels.Dispose();
    }

    private async ValueTask<bool> FillThenReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken);
        TakeRow(features.Span);
        return true;
    }

    private async ValueTask<bool> FillThenReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken);
        TakeRow(features.Span);
        return true;
    }

    /// <summary>Reads the next block of rows and their labels, the buffered ones being used up.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var cols = FeatureNames.Count;
        _buffered = (int)Math.Min(BufferRows, _rows - RowsRead);
        await _features.ReadExactlyAsync(_rowBuffer.AsMemory(0, _buffered * cols * _valueBytes), cancellationToken);
        await _labels.ReadExactlyAsync(_labelBuffer.AsMemory(0, _buffered * sizeof(double)), cancellationToken);
        _next = 0;
    }

    /// <summary>Delivers the next buffered row as float32, a float64 file's values rounded.</summary>
    private void TakeRow(Span<float> target)
    {
        var row = BufferedRow();
        if (_valueBytes == sizeof(float))
        {
            MemoryMarshal.Cast<byte, float>(row).CopyTo(target);
        }
        else
        {
            var values = MemoryMarshal.Cast<byte, double>(row);
            for (var j = 0; j < values.Length; j++)
            {
                target[j] = (float)values[j];
            }
        }

        TakeLabel(AllFinite(target[..FeatureNames.Count]));
    }

    /// <summary>Delivers the next buffered row as float64, a float32 file's values widened.</summary>
    private void TakeRow(Span<double> target)
    {
        var row = BufferedRow();
        if (_valueBytes == sizeof(double))
        {
            MemoryMarshal.Cast<byte, double>(row).CopyTo(target);
        }
        else
        {
            var values = MemoryMarshal.Cast<byte, float>(row);
            for (var j = 0; j < values.Length; j++)
            {
                target[j] = values[j];
            }
        }

        TakeLabel(AllFinite(target[..FeatureNames.Count]));
    }

    /// <summary>The raw feature bytes of the next buffered row.</summary>
    private ReadOnlySpan<byte> BufferedRow()
    {
        var rowBytes = FeatureNames.Count * _valueBytes;
        return _rowBuffer.AsSpan(_next * rowBytes, rowBytes);
    }

    /// <summary>Takes the next buffered row's label and moves past the row, refusing it unless its features and label are finite.</summary>
    private void TakeLabel(bool featuresFinite)
    {
        CurrentLabel = MemoryMarshal.Cast<byte, double>(_labelBuffer.AsSpan(_next * sizeof(double), sizeof(double)))[0];
        if (!double.IsFinite(CurrentLabel) || !featuresFinite)
        {
            throw new InvalidDataException($"OTDS row {RowsRead}: a feature or the label is not a finite float32/float64 value.");
        }

        _next++;
        RowsRead++;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

}
