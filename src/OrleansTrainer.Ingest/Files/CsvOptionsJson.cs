using System.Text.Json;

namespace OrleansTrainer.Ingest;

/// <summary>
/// <see cref="CsvIngestOptions"/> as JSON text: how the options travel to the silos that read a file themselves, so
/// that the silos read it with exactly the options the client was given (progress excepted).
/// </summary>
public static class CsvOptionsJson
{
    /// <summary>The options as JSON.</summary>
    public static string Write(CsvIngestOptions options) => JsonSerializer.Serialize(options);

    /// <summary>The options <paramref name="json"/> holds.</summary>
    /// <exception cref="ArgumentException">The text is not options written by <see cref="Write"/>.</exception>
    public static CsvIngestOptions Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CsvIngestOptions>(json) ?? throw new ArgumentException("The CSV options are null.", nameof(json));
        }
        catch (JsonException error)
        {
            throw new ArgumentException($"The CSV options cannot be read: {error.Message}", nameof(json), error);
        }
    }
}
