using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansTrainer.ScalingBench;

/// <summary>One measured figure, printed as one JSON line on stdout; a null value means "not reached" (the details say why).</summary>
/// <param name="Name">The figure's name.</param>
/// <param name="Value">Its value, or null.</param>
/// <param name="Unit">Its unit (<c>s</c>, <c>ms</c>, <c>x</c>).</param>
/// <param name="Details">The configuration and the figures it was derived from.</param>
internal sealed record Figure(string Name, double? Value, string Unit, IReadOnlyDictionary<string, object?> Details)
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes the JSON line.</summary>
    public void Print()
    {
        var line = new Dictionary<string, object?> { ["name"] = Name, ["value"] = Value is { } v ? Math.Round(v, 4) : null, ["unit"] = Unit };
        foreach (var (key, value) in Details)
        {
            line[key] = value;
        }

        Console.WriteLine(JsonSerializer.Serialize(line, Options));
    }

    /// <summary>A copy of <paramref name="details"/> with <paramref name="more"/> added.</summary>
    public static Dictionary<string, object?> With(IReadOnlyDictionary<string, object?> details, params (string Key, object? Value)[] more)
    {
        var copy = new Dictionary<string, object?>(details);
        foreach (var (key, value) in more)
        {
            copy[key] = value;
        }

        return copy;
    }
}
