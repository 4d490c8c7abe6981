using System.Text.Json;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Ingest options (<see cref="CsvIngestOptions"/>, <see cref="LibSvmIngestOptions"/>) as JSON text: how the options
/// travel to the silos that read a file themselves, so that they read it with exactly the options the client was given
/// (progress excepted).
/// </summary>
public static class IngestOptionsJson
{
    /// <summary>The options as JSON.</summary>
    public static string Write<T>(T options)
        where T : IngestOptions => JsonSerializer.Serialize(options);

    /// <summary>The options <paramref name="json"/> holds.</summary>
    /// <exception cref="ArgumentException">The text is not options of type <typeparamref name="T"/> written by <see cref="Write"/>.</exception>
    public static T Read<T>(string json)
        where T : IngestOptions
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json) ?? throw new ArgumentException($"The {typeof(T).Name} are null.", nameof(json));
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"The {typeof(T).Name} cannot be read: {error.Message}", nameof(json), error);
        }
    }
}
