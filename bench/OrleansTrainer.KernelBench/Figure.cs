using System.Globalization;
using System.Text.Json;

namespace OrleansTrainer.KernelBench;

/// <summary>One measured or derived figure, printed as one JSON line on stdout.</summary>
internal sealed record Figure(string Name, double Value, string Unit, IReadOnlyDictionary<string, object> Details)
{
    public void Print()
    {
        var line = new Dictionary<string, object> { ["name"] = Name, ["value"] = Rounded(Value), ["unit"] = Unit };
        foreach (var (key, value) in Details)
        {
            line[key] = value;
        }

        Console.WriteLine(JsonSerializer.Serialize(line));
    }

    /// <summary>Six significant digits: more than any of these timings resolves.</summary>
    private static double Rounded(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string ThreadSuffix(int threads) => threads == 1 ? "1_thread" : $"{threads}_threads";
}
