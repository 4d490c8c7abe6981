namespace OrleansTrainer.Numerics;

/// <summary>
/// Per-column mean and population variance over rows seen one at a time (Welford's update), in
/// float64; partial results over disjoint rows combine with <see cref="Merge"/> (Chan et al.).
/// </summary>
public sealed class RunningColumnStats
{
    private readonly double[] mean;
    private readonly double[] sumSquaredDeviations;

    /// <summary>Starts empty statistics over <paramref name="cols"/> columns.</summary>
    /// <param name="cols">The number of columns; zero or more.</param>
    public RunningColumnStats(int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        mean = new double[cols];
        sumSquaredDeviations = new double[cols];
    }

    /// <summary>Statistics of <paramref name="count"/> rows from their per-column means and sums of squared deviations (as <see cref="SumSquaredDeviations"/> gives them).</summary>
    /// <exception cref="ArgumentException">The two vectors differ in length, or the count is negative.</exception>
    public static RunningColumnStats FromMoments(long count, ReadOnlySpan<double> mean, ReadOnlySpan<double> sumSquaredDeviations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (mean.Length != sumSquaredDeviations.Length)
        {
            throw new ArgumentException($"{mean.Length} means but {sumSquaredDeviations.Length} sums of squared deviations.", nameof(sumSquaredDeviations));
        }

        var stats = new RunningColumnStats(mean.Length) { Count = count };
        mean.CopyTo(stats.mean);
        sumSquaredDeviations.CopyTo(stats.sumSquaredDeviations);
        return stats;
    }

    /// <summary>The number of rows added (including merged ones).</summary>
    public long Count { get; private set; }

    /// <summary>The number of columns.</summary>
    public int Columns => mean.Length;

    /// <summary>Adds one row.</summary>
    /// <param name="row">One value per column.</param>
    /// <exception cref="ArgumentException">The row has the wrong length.</exception>
    public void Add(ReadOnlySpan<float> row)
    {
        CheckWidth(row.Length);
        Count++;
        double inverseCount = 1.0 / Count;
        for (int j = 0; j < row.Length; j++)
        {
            Update(j, row[j], inverseCount);
        }
    }

    /// <summary>Adds one row of float64 values (same rules as the float32 overload).</summary>
    /// <param name="row">One value per column.</param>
    /// <exception cref="ArgumentException">The row has the wrong number of values.</exception>
    public void Add(ReadOnlySpan<double> row)
    {
        CheckWidth(row.Length);
        Count++;
        double inverseCount = 1.0 / Count;
        for (int j = 0; j < row.Length; j++)
        {
            Update(j, row[j], inverseCount);
        }
    }

    private void CheckWidth(int length)
    {
        if (length != mean.Length)
        {
            throw new ArgumentException($"Expected a row of {mean.Length} values, got {length}.", "row");
        }
    }

    private void Update(int column, double x, double inverseCount)
    {
        double delta = x - mean[column];
        mean[column] += delta * inverseCount;
        sumSquaredDeviations[column] += delta * (x - mean[column]);
    }

    /// <summary>Adds the rows summarized by <paramref name="other"/>, as if they had been added here one by one.</summary>
    /// <param name="other">Statistics over the same columns.</param>
    /// <exception cref="ArgumentException">The column counts differ.</exception>
    public void Merge(RunningColumnStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Columns != Columns)
        {
            throw new ArgumentException($"Expected {Columns} columns, got {other.Columns}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return;
        }

        long total = Count + other.Count;
        double otherShare = (double)other.Count / total;
        double crossWeight = (double)Count * other.Count / total;
        for (int j = 0; j < mean.Length; j++)
        {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * otherShare;
            sumSquaredDeviations[j] += other.sumSquaredDeviations[j] + (delta * delta * crossWeight);
        }

        Count = total;
    }

    /// <summary>The per-column mean (a copy).</summary>
    /// <returns>One mean per column; zeros while <see cref="Count"/> is 0.</returns>
    public double[] Mean() => (double[])mean.Clone();

    /// <summary>The per-column sum of squared deviations from the mean (a copy): what <see cref="FromMoments"/> takes back.</summary>
    public double[] SumSquaredDeviations() => (double[])sumSquaredDeviations.Clone();

    /// <summary>The per-column population standard deviation, sqrt(sum (x - mean)^2 / n) (a copy).</summary>
    /// <returns>One standard deviation per column; zeros while <see cref="Count"/> is 0.</returns>
    public double[] StandardDeviation()
    {
        var std = new double[mean.Length];
        if (Count == 0)
        {
            return std;
        }

        for (int j = 0; j < std.Length; j++)
        {
            std[j] = Math.Sqrt(sumSquaredDeviations[j] / Count);
        }

        return std;
    }
}
