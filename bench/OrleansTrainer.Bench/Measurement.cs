using System.Globalization;
using System.Text.Json;

namespace OrleansTrainer.Bench;

/// <summary>One measured figure, printed as a JSON line so scripts can collect it.</summary>
internal sealed record Measurement(string Name, double Value, string Unit, IReadOnlyDictionary<string, object> Details)
{
    public void Print()
    {
        var line = new Dictionary<string, object> { ["name"] = Name, ["value"] = Math.Round(Value, 4), ["unit"] = Unit };
        foreach (var (key, value) in Details)
        {
            line[key] = value;
        }

        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
