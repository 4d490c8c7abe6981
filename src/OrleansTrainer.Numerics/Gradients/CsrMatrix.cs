namespace OrleansTrainer.Numerics;

/// <summary>
/// Sparse rows in compressed sparse row form: row i holds the entries
/// [<see cref="RowPointers"/>[i], <see cref="RowPointers"/>[i + 1]) of <see cref="Indices"/> (column numbers,
/// strictly increasing within a row) and <see cref="Values"/> (float32). Validated on construction; the arrays
/// are held, not copied, and must not be changed afterwards.
/// </summary>
public sealed class CsrMatrix
{
    private readonly long[] rowPointers;
    private readonly int[] indices;
    private readonly float[] values;

    /// <summary>Wraps and validates the three arrays of a CSR matrix.</summary>
    /// <param name="rows">The row count, 0 or more.</param>
    /// <param name="cols">The column count, 0 or more.</param>
    /// <param name="rowPointers">rows + 1 offsets, starting at 0, non-decreasing, ending at the entry count.</param>
    /// <param name="indices">The column of each entry, in [0, cols), strictly increasing within each row.</param>
    /// <param name="values">The value of each entry.</param>
    /// <exception cref="ArgumentException">The arrays do not describe a valid CSR matrix (the message names the row).</exception>
    public CsrMatrix(int rows, int cols, long[] rowPointers, int[] indices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        Validate(rows, cols, rowPointers, indices, values);
        Rows = rows;
        Cols = cols;
        this.rowPointers = rowPointers;
        this.indices = indices;
        this.values = values;
    }

    /// <summary>As the constructor with long row pointers, from 32-bit ones (copied).</summary>
    /// <param name="rows">The row count, 0 or more.</param>
    /// <param name="cols">The column count, 0 or more.</param>
    /// <param name="rowPointers">rows + 1 offsets, starting at 0, non-decreasing, ending at the entry count.</param>
    /// <param name="indices">The column of each entry, in [0, cols), strictly increasing within each row.</param>
    /// <param name="values">The value of each entry.</param>
    /// <exception cref="ArgumentException">The arrays do not describe a valid CSR matrix.</exception>
    public CsrMatrix(int rows, int cols, int[] rowPointers, int[] indices, float[] values)
        : this(rows, cols, Widen(rowPointers), indices, values)
    {
    }

    /// <summary>The row count.</summary>
    public int Rows { get; }

    /// <summary>The column count.</summary>
    public int Cols { get; }

    /// <summary>rows + 1 offsets into <see cref="Indices"/> and <see cref="Values"/>.</summary>
    public ReadOnlySpan<long> RowPointers => rowPointers;

    /// <summary>The column of each stored entry.</summary>
    public ReadOnlySpan<int> Indices => indices;

    /// <summary>The value of each stored entry.</summary>
    public ReadOnlySpan<float> Values => values;

    /// <summary>How many entries are stored.</summary>
    public long NonZeros => rowPointers[Rows];

    /// <summary>The columns of row <paramref name="row"/>'s stored entries.</summary>
    /// <param name="row">In [0, rows).</param>
    /// <returns>A view of the indices.</returns>
    public ReadOnlySpan<int> RowIndices(int row) => indices.AsSpan(Start(row), Length(row));

    /// <summary>The values of row <paramref name="row"/>'s stored entries.</summary>
    /// <param name="row">In [0, rows).</param>
    /// <returns>A view of the values.</returns>
    public ReadOnlySpan<float> RowValues(int row) => values.AsSpan(Start(row), Length(row));

    /// <summary>The matrix as dense row-major float32 (rows × cols; zeros where nothing is stored).</summary>
    /// <returns>A new array.</returns>
    public float[] ToDense()
    {
        var dense = new float[(long)Rows * Cols];
        for (int i = 0; i < Rows; i++)
        {
            var columns = RowIndices(i);
            var entries = RowValues(i);
            for (int k = 0; k < columns.Length; k++)
            {
                dense[((long)i * Cols) + columns[k]] = entries[k];
            }
        }

        return dense;
    }

    private int Start(int row) => (int)rowPointers[row];

    private int Length(int row) => (int)(rowPointers[row + 1] - rowPointers[row]);

    private static long[] Widen(int[] rowPointers)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        return Array.ConvertAll(rowPointers, p => (long)p);
    }

    private static void Validate(int rows, int cols, long[] rowPointers, int[] indices, float[] values)
    {
        if (rowPointers.Length != rows + 1)
        {
            throw new ArgumentException($"Expected {rows + 1} row pointers, got {rowPointers.Length}.", nameof(rowPointers));
        }

        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"Got {indices.Length} indices but {values.Length} values.", nameof(values));
        }

        if (rowPointers[0] != 0 || rowPointers[rows] != indices.Length)
        {
            throw new ArgumentException(
                $"Row pointers must run from 0 to the entry count {indices.Length}, got {rowPointers[0]} to {rowPointers[rows]}.", nameof(rowPointers));
        }

        // Non-decreasing from 0 to the entry count keeps every row inside the arrays.
        for (int i = 0; i < rows; i++)
        {
            if (rowPointers[i + 1] < rowPointers[i])
            {
                throw new ArgumentException($"Row {i}: row pointers decrease ({rowPointers[i]} to {rowPointers[i + 1]}).", nameof(rowPointers));
            }
        }

        for (int i = 0; i < rows; i++)
        {
            long start = rowPointers[i];
            long end = rowPointers[i + 1];
            int previous = -1;
            for (long k = start; k < end; k++)
            {
                int column = indices[k];
                if (column < 0 || column >= cols)
                {
                    throw new ArgumentException($"Row {i}: column {column} is outside [0, {cols}).", nameof(indices));
                }

                if (column <= previous)
                {
                    throw new ArgumentException($"Row {i}: columns must be strictly increasing, got {column} after {previous}.", nameof(indices));
                }

                previous = column;
            }
        }
    }
}
