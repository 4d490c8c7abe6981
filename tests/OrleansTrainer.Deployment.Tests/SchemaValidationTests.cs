namespace OrleansTrainer.Deployment.Tests;

/// <summary>
/// The rendered objects are valid against the Kubernetes API schemas: k8s/validate/validate.mjs checks each object with
/// the JSON-schema validators that the kubernetes-models package compiles from the Kubernetes OpenAPI definitions
/// (required fields, types, enums, formats). tests/run-tests.sh installs it with <c>npm ci --prefix k8s/validate</c>.
/// </summary>
public sealed class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_rendered_object_is_valid_against_its_kubernetes_schema(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        var result = await ValidateAsync(manifests.Yaml);

        Assert.True(result.ExitCode == 0, $"k8s/validate refused the {overlay} overlay:\n{result.Output}{result.Error}");
        Assert.Contains($"{manifests.Objects.Count} objects, 0 invalid", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_that_breaks_its_schema_is_refused_with_the_reasons()
    {
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: two
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - image: broken
                      ports:
                        - containerPort: 8080
                          protocol: HTTP
            """;

        var result = await ValidateAsync(broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/spec/replicas must be integer", result.Output, StringComparison.Ordinal);
        Assert.Contains("/spec/template/spec/containers/0 must have required property name", result.Output, StringComparison.Ordinal);
        Assert.Contains("/spec/template/spec/containers/0/ports/0/protocol must be equal to one of the allowed values", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_of_a_kind_without_a_schema_is_refused()
    {
        var result = await ValidateAsync("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no schema for this apiVersion and kind", result.Output, StringComparison.Ordinal);
    }

    private static async Task<Tool.Result> ValidateAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"otrain-manifests-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try
        {
            return await Tool.RunAsync("node", "k8s/validate/validate.mjs", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
