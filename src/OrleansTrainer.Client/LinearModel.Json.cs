using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansTrainer.Client;

public sealed partial class LinearModel
{
    /// <summary>The <c>format</c> field of an exported model.</summary>
    public const string JsonFormat = "otrain-linear-model/2";

    /// <summary>The <c>format</c> field of models exported before provenance and numbered features; still read.</summary>
    public const string JsonFormatVersion1 = "otrain-linear-model/1";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WriteOnlyWhatReadsBack } },
    };

    /// <summary>
    /// The model as self-describing JSON (<c>"format": "otrain-linear-model/2"</c>): kind; job, dataset, creation
    /// time, rounds, best round and label when the model came from a job; <c>features</c> (names) or, for numbered
    /// (sparse) features, only <c>featureCount</c>; <c>classes</c> of a classifier; the final train and validation
    /// metrics and the job's spec when known; <c>intercepts</c> and <c>weights</c> (one array per output). Numbers are
    /// written in their shortest round-trip form (NaN and infinities as strings), so <see cref="FromJson"/> gives back
    /// the same bits and the same predictions.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(ModelDocument.Of(this), JsonOptions);

    /// <summary>Reads a model written by <see cref="ToJson"/>, in this format or format 1 (<see cref="JsonFormatVersion1"/>).</summary>
    /// <exception cref="FormatException">The text is not an exported model; the message names the field at fault.</exception>
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

        return (document ?? throw new FormatException("Not a model file: it holds null.")).ToModel();
    }

    /// <summary>Writes the model to a JSON file.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, ToJson(), cancellationToken);

    /// <summary>Reads a model from a JSON file written by <see cref="SaveAsync"/>.</summary>
    /// <exception cref="FormatException">The file is not an exported model; the message names the file and the field at fault.</exception>
    public static async Task<LinearModel> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        try
        {
            return FromJson(json);
        }
        catch (FormatException error)
        {
            throw new FormatException($"{path}: {error.Message}", error);
        }
    }

    /// <summary>Leaves out properties that cannot be set (computed ones such as <c>ValidationSpec.SplitsRows</c>): a file holds what reads back.</summary>
    private static void WriteOnlyWhatReadsBack(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties.Where(p => p.Set is null))
        {
            property.ShouldSerialize = static (_, _) => false;
        }
    }
}
