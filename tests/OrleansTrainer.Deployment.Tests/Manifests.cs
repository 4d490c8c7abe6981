using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>The objects an overlay renders to, as JSON trees.</summary>
internal sealed class Manifests
{
    private Manifests(string yaml, IReadOnlyList<JsonObject> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The overlays under k8s/overlays.</summary>
    public static TheoryData<string> Overlays => ["dev", "prod", "shared-data", "redis-cluster", "tls"];

    /// <summary>What kubectl kustomize printed.</summary>
    public string Yaml { get; }

    /// <summary>Every rendered object.</summary>
    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>Renders <c>k8s/overlays/<paramref name="overlay"/></c> with <c>kubectl kustomize</c>.</summary>
    public static async Task<Manifests> RenderAsync(string overlay)
    {
        var result = await Tool.RunAsync("kubectl", "kustomize", $"k8s/overlays/{overlay}");
        Assert.True(result.ExitCode == 0, $"kubectl kustomize k8s/overlays/{overlay} failed:\n{result.Error}");
        return new Manifests(result.Output, Parse(result.Output));
    }

    /// <summary>The one object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public JsonObject Single(string kind, string name) =>
        Assert.Single(Objects, o => (string?)o["kind"] == kind && (string?)o["metadata"]!["name"] == name);

    /// <summary>Every object of <paramref name="kind"/>.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The pod templates of every workload (Deployments and StatefulSets), by workload name.</summary>
    public IEnumerable<(string Workload, JsonObject PodSpec)> PodSpecs() =>
        Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet")
            .Select(o => ((string)o["metadata"]!["name"]!, o["spec"]!["template"]!["spec"]!.AsObject()));

    /// <summary>Parses multi-document YAML; plain scalars that read as 32-bit integers or booleans become JSON numbers and booleans.</summary>
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var value } when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" or "" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };
}
