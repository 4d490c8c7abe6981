namespace OrleansTrainer.Numerics;

/// <summary>
/// The sufficient statistics of weighted least squares over a block of rows, of the features centered
/// on a fixed center c (x − c; no centering when the center is empty): with s_i the sample weights,
/// XtX = sum_i s_i (x_i − c)(x_i − c)ᵀ (full and symmetric), Xty = sum_i s_i (x_i − c) y_i,
/// XSum = sum_i s_i (x_i − c), YSum = sum_i s_i y_i, YySum = sum_i s_i y_i², WeightSum = sum_i s_i.
/// Sums over disjoint blocks (with the same center) combine by <see cref="Add"/>.
/// </summary>
public sealed class GramSums
{
    /// <summary>Zero sums for <paramref name="cols"/> features.</summary>
    /// <param name="cols">The feature count, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cols"/> is negative.</exception>
    public GramSums(int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Cols = cols;
        XtX = new double[(long)cols * cols];
        Xty = new double[cols];
        XSum = new double[cols];
    }

    /// <summary>The feature count.</summary>
    public int Cols { get; }

    /// <summary>cols × cols, row-major, symmetric (both triangles filled): sum_i s_i (x_i − c)(x_i − c)ᵀ.</summary>
    public double[] XtX { get; }

    /// <summary>cols entries: sum_i s_i (x_i − c) y_i.</summary>
    public double[] Xty { get; }

    /// <summary>cols entries: sum_i s_i (x_i − c).</summary>
    public double[] XSum { get; }

    /// <summary>sum_i s_i y_i.</summary>
    public double YSum { get; set; }

    /// <summary>sum_i s_i y_i².</summary>
    public double YySum { get; set; }

    /// <summary>sum_i s_i (the row count when unweighted).</summary>
    public double WeightSum { get; set; }

    /// <summary>How many rows were summed.</summary>
    public long Rows { get; set; }

    /// <summary>Adds <paramref name="other"/> into these sums, entry by entry (order matters for bit-identical totals).</summary>
    /// <param name="other">Sums over other rows, with the same column count and center.</param>
    /// <exception cref="ArgumentException">The column counts differ.</exception>
    public void Add(GramSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Cols != Cols)
        {
            throw new ArgumentException($"Expected sums over {Cols} columns, got {other.Cols}.", nameof(other));
        }

        System.Numerics.Tensors.TensorPrimitives.Add(XtX, other.XtX, XtX);
        System.Numerics.Tensors.TensorPrimitives.Add(Xty, other.Xty, Xty);
        System.Numerics.Tensors.TensorPrimitives.Add(XSum, other.XSum, XSum);
        YSum += other.YSum;
        YySum += other.YySum;
        WeightSum += other.WeightSum;
        Rows += other.Rows;
    }
}
