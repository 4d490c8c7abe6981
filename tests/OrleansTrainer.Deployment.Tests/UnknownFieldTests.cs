using k8s;
using YamlDotNet.Core;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>
/// The schema check of <see cref="SchemaValidationTests"/> lets fields it does not know pass (the Kubernetes schemas do
/// not forbid them, and the API server drops them silently, so a misspelt <c>readynessProbe</c> would deploy a pod with
/// no readiness probe). The official .NET client's models, read strictly, refuse every field the API version lacks.
/// </summary>
public sealed class UnknownFieldTests
{
    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_field_of_every_rendered_object_is_known_to_its_api_version(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        var typed = KubernetesYaml.LoadAllFromString(manifests.Yaml, strict: true);

        Assert.Equal(manifests.Objects.Count, typed.Count);
    }

    [Fact]
    public void A_misspelt_field_is_refused()
    {
        const string misspelt = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: misspelt
            spec:
              selector:
                matchLabels: {app: misspelt}
              template:
                metadata:
                  labels: {app: misspelt}
                spec:
                  containers:
                    - name: misspelt
                      image: misspelt
                      readynessProbe:
                        httpGet: {path: /health/ready, port: 8080}
            """;

        var error = Assert.ThrowsAny<YamlException>(() => KubernetesYaml.LoadAllFromString(misspelt, strict: true));
        Assert.Contains("readynessProbe", error.ToString(), StringComparison.Ordinal);
    }
}
