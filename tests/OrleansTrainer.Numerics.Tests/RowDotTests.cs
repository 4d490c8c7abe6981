using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>RowDot (whichever kernel this CPU runs; the suite runs again with AVX off) against a naive loop.</summary>
public class RowDotTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    [InlineData(129)]
    public void A_rows_dot_product_agrees_with_a_naive_loop_for_float32_and_float64_features(int columns)
    {
        var random = new Random(columns);
        var weights = Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var x32 = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        var x64 = x32.Select(v => (double)v * 1.000001).ToArray();

        var naive32 = x32.Select((v, j) => (double)v * weights[j]).Sum();
        var naive64 = x64.Select((v, j) => v * weights[j]).Sum();
        var scale32 = x32.Select((v, j) => Math.Abs(v * weights[j])).Sum();
        var scale64 = x64.Select((v, j) => Math.Abs(v * weights[j])).Sum();
        Assert.InRange(Math.Abs(RowDot.Of<float>(x32, weights) - naive32), 0, 1e-14 * scale32);
        Assert.InRange(Math.Abs(RowDot.Of<double>(x64, weights) - naive64), 0, 1e-14 * scale64);
        Assert.Throws<ArgumentException>(() => RowDot.Of<float>(x32, weights.AsSpan(1)));
    }

    [Fact]
    public void Margins_of_chosen_rows_are_each_rows_dot_product()
    {
        var random = new Random(3);
        const int columns = 37;
        var features = Enumerable.Range(0, 500 * columns).Select(_ => (float)random.NextDouble()).ToArray();
        var weights = Enumerable.Range(0, columns).Select(_ => random.NextDouble() - 0.5).ToArray();
        int[] rows = [499, 0, 7, 8, 9, 250, 3, 498];
        var margins = new double[rows.Length];

        RowDot.OfRows<float>(features, rows, weights, margins);

        Assert.Equal(rows.Select(r => RowDot.Of<float>(features.AsSpan(r * columns, columns), weights)), margins);
        Assert.Throws<ArgumentException>(() => RowDot.OfRows<float>(features, rows, weights, new double[2]));
    }
}
