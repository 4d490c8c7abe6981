using System.Text.Json;

namespace OrleansTrainer.RecoveryBench;

/// <summary>One result, printed as a JSON line on stdout so scripts can collect it.</summary>
internal sealed class JsonLine(string name)
{
    private static TextWriter _results = Console.Out;
    private readonly Dictionary<string, object?> _fields = new() { ["name"] = name };

    /// <summary>
    /// Keeps stdout for JSON lines only: anything else written to <see cref="Console.Out"/> from now on (the Orleans
    /// client's console logger warns there while silos die) goes to stderr.
    /// </summary>
    public static void ClaimStdout()
    {
        _results = Console.Out;
        Console.SetOut(Console.Error);
    }

    /// <summary>Adds a field; doubles are rounded to 4 decimals.</summary>
    public JsonLine With(string key, object? value)
    {
        _fields[key] = value is double d ? (double.IsFinite(d) ? Math.Round(d, 4) : d.ToString(System.Globalization.CultureInfo.InvariantCulture)) : value;
        return this;
    }

    /// <summary>Writes the line to stdout.</summary>
    public void Print()
    {
        _results.WriteLine(JsonSerializer.Serialize(_fields));
        _results.Flush();
    }
}
