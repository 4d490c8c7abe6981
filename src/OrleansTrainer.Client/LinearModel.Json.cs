using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

public sealed partial class LinearModel
{
    /// <summary>The <c>format</c> field of an exported model.</summary>
    public const string JsonFormat = "otrain-linear-model/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The model as JSON: <c>{"format": "otrain-linear-model/1", "kind", "features", "weights": [[...] per output],
    /// "intercepts"}</c>. Numbers are written in their shortest round-trip form, so <see cref="FromJson"/> gives back
    /// the same bits and the same predictions.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(new ModelDocument
    {
        Format = JsonFormat,
        Kind = Kind,
        Features = [.. FeatureNames],
        Weights = Enumerable.Range(0, Outputs).Select(k => WeightsOf(k).ToArray()).ToArray(),
        Intercepts = [.. _intercepts],
    }, JsonOptions);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not an exported model.</exception>
    public static LinearModel FromJson(string json)
    {
        ModelDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ModelDocument>(json, JsonOptions);
        }
        catch (JsonException error)
        {
            throw new FormatException($"Not a model file: {error.Message}", error);
        }

        if (document is null || document.Format != JsonFormat)
        {
            throw new FormatException($"Not a model file: the format field is not \"{JsonFormat}\".");
        }

        if (document.Weights.Length != document.Intercepts.Length || document.Weights.Any(w => w.Length != document.Features.Length))
        {
            throw new FormatException($"The model file has {document.Intercepts.Length} intercepts and weights that do not match its {document.Features.Length} features.");
        }

        return new LinearModel(document.Kind, document.Features, document.Weights.SelectMany(w => w).ToArray(), document.Intercepts);
    }

    /// <summary>Writes the model to a JSON file.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, ToJson(), cancellationToken);

    /// <summary>Reads a model from a JSON file written by <see cref="SaveAsync"/>.</summary>
    public static async Task<LinearModel> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        FromJson(await File.ReadAllTextAsync(path, cancellationToken));

    private sealed class ModelDocument
    {
        public string Format { get; init; } = "";

        public ModelKind Kind { get; init; }

        public string[] Features { get; init; } = [];

        public double[][] Weights { get; init; } = [];

        public double[] Intercepts { get; init; } = [];
    }
}
