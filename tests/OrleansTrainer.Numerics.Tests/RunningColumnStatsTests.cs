using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class RunningColumnStatsTests
{
    [Fact]
    public void MeanAndDeviation_MatchATwoPassComputation()
    {
        var rows = RandomRows(1000, 7, seed: 1);
        var stats = new RunningColumnStats(7);
        foreach (var row in rows)
        {
            stats.Add(row);
        }

        var (mean, std) = TwoPass(rows, 7);
        Assert.Equal(1000, stats.Count);
        Assertions.NormwiseClose(mean, stats.Mean(), 1e-13);
        for (int j = 0; j < 7; j++)
        {
            Assertions.RelativelyClose(std[j], stats.StandardDeviation()[j], 1e-10);
        }
    }

    [Fact]
    public void Merge_EqualsAddingEveryRowToOne()
    {
        var rows = RandomRows(900, 5, seed: 2);
        var whole = new RunningColumnStats(5);
        var parts = new[] { new RunningColumnStats(5), new RunningColumnStats(5), new RunningColumnStats(5) };
        for (int i = 0; i < rows.Length; i++)
        {
            whole.Add(rows[i]);
            parts[i < 100 ? 0 : i < 700 ? 1 : 2].Add(rows[i]);
        }

        var merged = new RunningColumnStats(5);
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        merged.Merge(new RunningColumnStats(5));
        Assert.Equal(whole.Count, merged.Count);
        Assertions.NormwiseClose(whole.Mean(), merged.Mean(), 1e-13);
        for (int j = 0; j < 5; j++)
        {
            Assertions.RelativelyClose(whole.StandardDeviation()[j], merged.StandardDeviation()[j], 1e-10);
        }
    }

    [Fact]
    public void ConstantColumn_HasZeroDeviation()
    {
        var stats = new RunningColumnStats(2);
        stats.Add([3f, 1f]);
        stats.Add([3f, 2f]);
        Assert.Equal([3.0, 1.5], stats.Mean());
        Assert.Equal([0.0, 0.5], stats.StandardDeviation());
    }

    [Fact]
    public void Empty_IsZeros_AndWrongWidthThrows()
    {
        var stats = new RunningColumnStats(3);
        Assert.Equal(0, stats.Count);
        Assert.Equal(new double[3], stats.Mean());
        Assert.Equal(new double[3], stats.StandardDeviation());
        Assert.Throws<ArgumentException>(() => stats.Add(new float[2]));
        Assert.Throws<ArgumentException>(() => stats.Merge(new RunningColumnStats(4)));
    }

    // Large offsets relative to the spread: the case where sum-of-squares formulas lose everything.
    private static float[][] RandomRows(int count, int cols, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, cols).Select(j => (float)((j * 1000.0) + (random.NextDouble() * (j + 1)))).ToArray())
            .ToArray();
    }

    private static (double[] Mean, double[] Std) TwoPass(float[][] rows, int cols)
    {
        var mean = new double[cols];
        var std = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            mean[j] = rows.Average(r => (double)r[j]);
            std[j] = Math.Sqrt(rows.Sum(r => (r[j] - mean[j]) * (r[j] - mean[j])) / rows.Length);
        }

        return (mean, std);
    }
}
