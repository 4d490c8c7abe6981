using System.Text.Json;

namespace OrleansTrainer.TransferBench;

/// <summary>Repeated timings of one thing, in milliseconds, and how they are printed: one JSON line a figure on stdout.</summary>
internal sealed class Sample(string name)
{
    private readonly List<double> _ms = [];

    public string Name { get; } = name;

    public double MedianMs => Quantile(0.5);

    public double MinMs => Quantile(0);

    public double MaxMs => Quantile(1);

    public void Add(double ms) => _ms.Add(ms);

    /// <summary>Runs <paramref name="timed"/> (which returns its own time) and keeps that time when <paramref name="keep"/>.</summary>
    public async Task<double> AddIfAsync(bool keep, Func<Task<double>> timed)
    {
        var ms = await timed();
        if (keep)
        {
            _ms.Add(ms);
        }

        return ms;
    }

    /// <summary>Decimal gigabytes a second for <paramref name="bytes"/> moved in <paramref name="ms"/>.</summary>
    public static double GigabytesPerSecond(long bytes, double ms) => bytes / (ms / 1000) / 1e9;

    /// <summary>Prints the median time with its range, and the bandwidth they give when <paramref name="bytes"/> is set.</summary>
    public void Print(long bytes, IReadOnlyDictionary<string, object>? details = null)
    {
        var line = new Dictionary<string, object>
        {
            ["name"] = Name, ["median_ms"] = Round(MedianMs), ["min_ms"] = Round(MinMs), ["max_ms"] = Round(MaxMs), ["reps"] = _ms.Count,
            ["bytes"] = bytes,
        };
        if (bytes > 0)
        {
            line["gb_per_s"] = Round(GigabytesPerSecond(bytes, MedianMs));
            line["gb_per_s_range"] = new[] { Round(GigabytesPerSecond(bytes, MaxMs)), Round(GigabytesPerSecond(bytes, MinMs)) };
        }

        foreach (var (key, value) in details ?? new Dictionary<string, object>())
        {
            line[key] = value;
        }

        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>Prints a ratio of two figures with the goal it is held to.</summary>
    public static void PrintRatio(string name, double value, string goal, bool met) =>
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = name, ["value"] = Round(value), ["unit"] = "x", ["goal"] = goal, ["met"] = met }));

    private static double Round(double value) => Math.Round(value, 4);

    private double Quantile(double q)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
