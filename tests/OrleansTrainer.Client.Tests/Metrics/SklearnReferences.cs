using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrainer.Client.Tests.Ingest;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>The cases of References/sklearn_metrics.json, written by References/make_references.py (the tests never run Python).</summary>
internal static class SklearnReferences
{
    private static readonly Lazy<IReadOnlyList<ReferenceCase>> All = new(Load);

    /// <summary>Every case, in the file's order.</summary>
    public static IReadOnlyList<ReferenceCase> Cases => All.Value;

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static ReferenceCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>Every case's name, for theories.</summary>
    public static TheoryData<string> Names() => [.. Cases.Select(c => c.Name)];

    private static IReadOnlyList<ReferenceCase> Load()
    {
        string path = RepositoryFile.Find(Path.Combine("tests", "OrleansTrainer.Client.Tests", "Metrics", "References", "sklearn_metrics.json"));
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").Deserialize<ReferenceCase[]>(options)
            ?? throw new InvalidDataException($"{path} holds no cases.");
    }
}
