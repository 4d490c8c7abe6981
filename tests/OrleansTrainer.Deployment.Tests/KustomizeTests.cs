namespace OrleansTrainer.Deployment.Tests;

/// <summary>Every overlay renders with kubectl kustomize, to what the overlay promises.</summary>
public sealed class KustomizeTests
{
    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task An_overlay_renders_redis_the_silos_their_budget_the_console_and_the_network_policies_in_one_namespace(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        var ns = (string)Assert.Single(manifests.OfKind("Namespace"))["metadata"]!["name"]!;
        manifests.Single("StatefulSet", "redis");
        manifests.Single("Service", "redis");
        manifests.Single("Deployment", "silo");
        manifests.Single("PodDisruptionBudget", "silo");
        manifests.Single("Deployment", "admin");
        manifests.Single("Service", "admin");
        manifests.Single("NetworkPolicy", "default-deny-ingress");
        Assert.All(manifests.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal(ns, (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public async Task The_dev_overlay_runs_one_redis_and_two_silos_with_requests_below_the_base()
    {
        var dev = await Manifests.RenderAsync("dev");
        var prod = await Manifests.RenderAsync("prod");

        Assert.Equal(1, (int)dev.Single("StatefulSet", "redis")["spec"]!["replicas"]!);
        Assert.Equal(2, (int)dev.Single("Deployment", "silo")["spec"]!["replicas"]!);
        Assert.True(Quantity.Bytes(SiloResources(dev)["requests"]!["memory"]!) < Quantity.Bytes(SiloResources(prod)["requests"]!["memory"]!));
        Assert.True(Quantity.Cpu(SiloResources(dev)["requests"]!["cpu"]!) < Quantity.Cpu(SiloResources(prod)["requests"]!["cpu"]!));
    }

    [Fact]
    public async Task The_prod_overlay_runs_three_silos_or_more_on_different_nodes()
    {
        var prod = await Manifests.RenderAsync("prod");

        var silo = prod.Single("Deployment", "silo");
        Assert.True((int)silo["spec"]!["replicas"]! >= 3);
        var antiAffinity = Assert.Single(silo["spec"]!["template"]!["spec"]!["affinity"]!["podAntiAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!.AsArray());
        Assert.Equal("kubernetes.io/hostname", (string?)antiAffinity!["topologyKey"]);
        Assert.Equal("silo", (string?)antiAffinity["labelSelector"]!["matchLabels"]!["app.kubernetes.io/name"]);
    }

    private static System.Text.Json.Nodes.JsonNode SiloResources(Manifests manifests) =>
        manifests.Single("Deployment", "silo")["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;

    [Fact]
    public async Task The_shared_data_overlay_mounts_one_read_write_many_claim_read_only_at_data_in_every_silo()
    {
        var manifests = await Manifests.RenderAsync("shared-data");

        var claim = manifests.Single("PersistentVolumeClaim", "otrain-data");
        Assert.Equal("ReadWriteMany", (string?)claim["spec"]!["accessModes"]![0]);
        var pod = manifests.Single("Deployment", "silo")["spec"]!["template"]!["spec"]!;
        var volume = Assert.Single(pod["volumes"]!.AsArray(), v => (string?)v!["name"] == "data")!;
        Assert.Equal("otrain-data", (string?)volume["persistentVolumeClaim"]!["claimName"]);
        var mount = Assert.Single(pod["containers"]![0]!["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == "data")!;
        Assert.Equal("/data", (string?)mount["mountPath"]);
        Assert.True((bool?)mount["readOnly"]);
    }
}
