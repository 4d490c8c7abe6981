using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansTrainer.Cli.Output;

/// <summary>How otrain writes JSON: camelCase, enums as names, indented documents or one-line records.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = Create(true);
    private static readonly JsonSerializerOptions Line = Create(false);

    /// <summary>Writes <paramref name="value"/> as an indented JSON document.</summary>
    public static void Write<T>(CliIO io, T value) => io.Json.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Writes <paramref name="value"/> as one line of JSON (a stream of records).</summary>
    public static void WriteLine<T>(CliIO io, T value) => io.Json.WriteLine(JsonSerializer.Serialize(value, Line));

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        WriteIndented = indented,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
