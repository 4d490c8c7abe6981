using System.Globalization;
using Microsoft.Playwright;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Assertions on the console's SVG charts: round-number ticks on both axes, and where a series' points are drawn.</summary>
internal static partial class ChartAssert
{
    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>
    /// Asserts that the value axis of <paramref name="chart"/> has at least two increasing tick labels, each a plain
    /// decimal or of the 1e-3 form (no fractional exponents), either all 1, 2 or 5 × 10^k or evenly spaced by such a
    /// step; returns the axis as a map from a value (its log10 when <paramref name="log"/>) to the SVG y coordinate.
    /// </summary>
    public static async Task<Func<double, double>> ValueAxisAsync(IPage page, string chart, bool log)
    {
        var (values, at) = await TicksAsync(page, $"{chart} .y-ticks", "y1");
        Assert.True(values.All(v => IsRound(v)) || IsEvenlySpacedByARoundStep(values), $"y ticks {string.Join(", ", values)} are not round numbers");
        Func<double, double> unit = log ? Math.Log10 : v => v;
        return Linear(unit(values[0]), at[0], unit(values[^1]), at[^1], unit);
    }

    /// <summary>
    /// Asserts that the round axis of <paramref name="chart"/> is titled "round" and has integer ticks from 0, evenly
    /// spaced by 1, 2 or 5 × 10^k, the last no further than <paramref name="rounds"/>; returns the axis as a map from a
    /// round to the SVG x coordinate.
    /// </summary>
    public static async Task<Func<double, double>> RoundAxisAsync(IPage page, string chart, long rounds)
    {
        Assert.Equal("round", await page.TextContentAsync($"{chart} .x-title"));
        var (values, at) = await TicksAsync(page, $"{chart} .x-ticks", "x1");
        Assert.Equal(0, values[0]);
        Assert.All(values, v => Assert.Equal(Math.Round(v), v));
        Assert.True(IsEvenlySpacedByARoundStep(values), $"round ticks {string.Join(", ", values)} are not evenly spaced by a round step");
        Assert.InRange(values[^1], 1, Math.Max(1, rounds));
        return Linear(values[0], at[0], values[^1], at[^1], v => v);
    }

    /// <summary>The vertices of the polyline <paramref name="selector"/>, in SVG coordinates.</summary>
    public static async Task<(double X, double Y)[]> VerticesAsync(IPage page, string selector) =>
        (await page.GetAttributeAsync(selector, "points"))!
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(','))
        .Select(p => (Parse(p[0]), Parse(p[1])))
        .ToArray();

    /// <summary>Asserts that a vertex is where the axes put (<paramref name="round"/>, <paramref name="value"/>), to the 0.1 the chart rounds to.</summary>
    public static void At((double X, double Y) vertex, Func<double, double> x, double round, Func<double, double> y, double value)
    {
        Assert.Equal(x(round), vertex.X, 0.11);
        Assert.Equal(y(value), vertex.Y, 0.11);
    }

    /// <summary>The tick labels of an axis and their lines' coordinates, read at once (a live chart redraws every second).</summary>
    private static async Task<(double[] Values, double[] At)> TicksAsync(IPage page, string group, string coordinate)
    {
        var ticks = await page.EvaluateAsync<string[][]>(
            $"() => [...document.querySelectorAll('{group} text')].map((t, i) => [t.textContent, document.querySelectorAll('{group} line')[i].getAttribute('{coordinate}')])");
        Assert.True(ticks.Length >= 2, $"{group}: {ticks.Length} tick(s)");
        Assert.All(ticks, tick => Assert.Matches(TickLabel(), tick[0]));
        var values = ticks.Select(t => Parse(t[0])).ToArray();
        Assert.True(values.Zip(values.Skip(1)).All(p => p.First < p.Second), $"{group}: ticks {string.Join(", ", values)} do not increase");
        return (values, ticks.Select(t => Parse(t[1])).ToArray());
    }

    private static bool IsRound(double value)
    {
        if (value == 0)
        {
            return false;
        }

        var mantissa = Math.Abs(value) / Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value)) + 1e-12));
        return Mantissas.Any(m => Math.Abs(mantissa - m) < 1e-9);
    }

    private static bool IsEvenlySpacedByARoundStep(double[] values)
    {
        var step = values[1] - values[0];
        return values.Zip(values.Skip(1)).All(p => Math.Abs(p.Second - p.First - step) <= 1e-9 * Math.Abs(step)) && IsRound(step);
    }

    private static Func<double, double> Linear(double u0, double at0, double u1, double at1, Func<double, double> unit) =>
        v => at0 + ((unit(v) - u0) * (at1 - at0) / (u1 - u0));

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d+(\.\d+)?(e-?\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex TickLabel();
}
