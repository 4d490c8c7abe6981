using System.Text.Json;

namespace OrleansTrainer.RecoveryBench;

/// <summary>One result, printed as a JSON line on stdout so scripts can collect it.</summary>
internal sealed class JsonLine(string name)
{
    private readonly Dictionary<string, object?> _fields = new() { ["name"] = name };

    /// <summary>Adds a field; doubles are rounded to 4 decimals.</summary>
    public JsonLine With(string key, object? value)
    {
        _fields[key] = value is double d ? (double.IsFinite(d) ? Math.Round(d, 4) : d.ToString(System.Globalization.CultureInfo.InvariantCulture)) : value;
        return this;
    }

    /// <summary>Writes the line to stdout.</summary>
    public void Print() => Console.WriteLine(JsonSerializer.Serialize(_fields));
}
