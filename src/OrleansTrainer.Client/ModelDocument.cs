using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;

namespace OrleansTrainer.Client;

/// <summary>
/// An exported model's JSON, field by field in the order they are written, and its mapping to and from
/// <see cref="LinearModel"/> with the checks a file must pass. Format 1 files hold only format, kind, features, weights
/// and intercepts. Null fields are left out; <c>encoding</c> (format 2, optional) is there for models of datasets with
/// categorical columns or missing values, and older format-2 files without it still load.
/// </summary>
internal sealed class ModelDocument
{
    public string? Format { get; init; }

    public ModelKind? Kind { get; init; }

    public string? Job { get; init; }

    public string? Dataset { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public long? Rounds { get; init; }

    public long? BestRound { get; init; }

    public string? Label { get; init; }

    public string[]? Features { get; init; }

    public int? FeatureCount { get; init; }

    public string[]? Classes { get; init; }

    public EvaluationMetrics? TrainMetrics { get; init; }

    public EvaluationMetrics? ValidationMetrics { get; init; }

    public JobSpec? Spec { get; init; }

    public DatasetEncoding? Encoding { get; init; }

    public double[]? Intercepts { get; init; }

    public double[][]? Weights { get; init; }

    /// <summary>The document of <paramref name="model"/> in the current format.</summary>
    public static ModelDocument Of(LinearModel model)
    {
        var provenance = model.Provenance;
        return new ModelDocument
        {
            Format = LinearModel.JsonFormat,
            Kind = model.Kind,
            Job = provenance?.Job,
            Dataset = provenance?.Dataset,
            CreatedAt = provenance?.CreatedAt,
            Rounds = provenance?.Rounds,
            BestRound = provenance?.BestRound,
            Label = provenance?.LabelName,
            Features = model.FeatureNames.Count > 0 ? [.. model.FeatureNames] : null,
            FeatureCount = model.FeatureCount,
            Classes = model.ClassLabels.Count > 0 ? [.. model.ClassLabels] : null,
            TrainMetrics = provenance?.TrainMetrics,
            ValidationMetrics = provenance?.ValidationMetrics,
            Spec = provenance?.Spec,
            Encoding = model.Encoding,
            Intercepts = [.. model.Intercepts],
            Weights = [.. Enumerable.Range(0, model.Outputs).Select(k => model.WeightsOf(k).ToArray())],
        };
    }

    /// <summary>The model the document describes.</summary>
    /// <exception cref="FormatException">The document is not a model of a format this version reads, or its fields disagree; the message names the field.</exception>
    public LinearModel ToModel()
    {
        if (Format is not (LinearModel.JsonFormat or LinearModel.JsonFormatVersion1))
        {
            throw new FormatException($"Not a model file: the \"format\" field is {(Format is null ? "missing" : $"\"{Format}\"")}, not \"{LinearModel.JsonFormat}\" or \"{LinearModel.JsonFormatVersion1}\".");
        }

        var kind = Kind ?? throw Missing("kind");
        if (!ModelRegistry.IsRegistered(kind))
        {
            throw new FormatException($"The model file's \"kind\" {(int)kind} is not a model kind.");
        }

        var intercepts = Intercepts ?? throw Missing("intercepts");
        var weights = Weights ?? throw Missing("weights");
        var features = Features ?? [];
        if (weights.Length != intercepts.Length)
        {
            throw new FormatException($"The model file has {weights.Length} rows of \"weights\" but {intercepts.Length} \"intercepts\"; it needs one of each per output.");
        }

        var featureCount = FeatureCountOf(features, weights);
        for (var k = 0; k < weights.Length; k++)
        {
            if (weights[k].Length != featureCount)
            {
                throw new FormatException($"The model file's \"weights\"[{k}] has {weights[k].Length} values, not one per feature ({featureCount}).");
            }
        }

        LinearModel model;
        try
        {
            model = new LinearModel(kind, features, [.. weights.SelectMany(w => w)], intercepts, Provenance(), Encoding);
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"The model file does not describe a model: {error.Message}", error);
        }

        if (Classes is not null && !Classes.SequenceEqual(model.ClassLabels))
        {
            throw new FormatException($"The model file's \"classes\" [{string.Join(", ", Classes)}] are not the classes of its {kind} model, [{string.Join(", ", model.ClassLabels)}].");
        }

        return model;
    }

    /// <summary>The feature count: the names' count, or <see cref="FeatureCount"/> (format 2), or the first output's weights (format 1), for numbered features.</summary>
    private int FeatureCountOf(string[] features, double[][] weights)
    {
        if (features.Length > 0)
        {
            return FeatureCount is null || FeatureCount == features.Length
                ? features.Length
                : throw new FormatException($"The model file's \"featureCount\" {FeatureCount} does not match its {features.Length} \"features\".");
        }

        if (FeatureCount is { } count)
        {
            return count > 0 ? count : throw new FormatException($"The model file's \"featureCount\" {count} is not positive.");
        }

        return Format == LinearModel.JsonFormatVersion1 && weights.Length > 0
            ? weights[0].Length
            : throw new FormatException("The model file has neither \"features\" nor \"featureCount\".");
    }

    /// <summary>The provenance: present when the file names its job, and then complete.</summary>
    private ModelProvenance? Provenance() => Job is null ? null : new ModelProvenance
    {
        Job = Job,
        Dataset = Dataset ?? throw Missing("dataset", "job"),
        LabelName = Label ?? throw Missing("label", "job"),
        CreatedAt = CreatedAt ?? throw Missing("createdAt", "job"),
        Rounds = Rounds ?? throw Missing("rounds", "job"),
        BestRound = BestRound,
        Spec = Spec,
        TrainMetrics = TrainMetrics,
        ValidationMetrics = ValidationMetrics,
    };

    private static FormatException Missing(string field, string? because = null) =>
        new(because is null ? $"The model file has no \"{field}\"." : $"The model file names its \"{because}\" but has no \"{field}\".");
}
