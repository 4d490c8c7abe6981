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
    public async Task The_redis_cluster_overlay_runs_six_cluster_nodes_under_stable_names_and_a_job_that_joins_them()
    {
        var manifests = await Manifests.RenderAsync("redis-cluster");

        var redis = manifests.Single("StatefulSet", "redis");
        Assert.Equal(6, (int)redis["spec"]!["replicas"]!);
        var container = redis["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.ToString()).ToList();
        Assert.Equal("yes", args[args.IndexOf("--cluster-enabled") + 1]);
        Assert.StartsWith("/data/", args[args.IndexOf("--cluster-config-file") + 1]);
        Assert.Equal("$(REDIS_PASSWORD)", args[args.IndexOf("--masterauth") + 1]);
        Assert.Equal("$(POD_NAME).redis", args[args.IndexOf("--cluster-announce-hostname") + 1]);
        Assert.Contains(container["ports"]!.AsArray(), p => (int)p!["containerPort"]! == 16379);
        var service = manifests.Single("Service", "redis");
        Assert.Equal("None", (string?)service["spec"]!["clusterIP"]);

        var job = manifests.Single("Job", "redis-cluster-create");
        var script = job["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]![0]!.ToString();
        Assert.Contains("--cluster create", script, StringComparison.Ordinal);
        Assert.Contains("--cluster-replicas 1", script, StringComparison.Ordinal);
        Assert.Contains("for i in 0 1 2 3 4 5", script, StringComparison.Ordinal);
        var bootstrap = (string?)job["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"];
        var redisPeers = manifests.OfKind("NetworkPolicy").Where(p => (string?)p["spec"]!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"] == "redis")
            .SelectMany(p => p["spec"]!["ingress"]!.AsArray()).SelectMany(r => r!["from"]!.AsArray())
            .Select(peer => (string?)peer!["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]).ToHashSet();
        Assert.Contains(bootstrap, redisPeers);
        Assert.Contains("redis", redisPeers);
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

    [Fact]
    public async Task The_tls_overlay_serves_redis_on_tls_only_with_client_certificates_and_gives_silos_and_console_their_certificates()
    {
        var manifests = await Manifests.RenderAsync("tls");

        var redis = manifests.Single("StatefulSet", "redis")["spec"]!["template"]!["spec"]!;
        var container = redis["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.ToString()).ToList();
        Assert.Equal("0", args[args.IndexOf("--port") + 1]);
        Assert.Equal("6379", args[args.IndexOf("--tls-port") + 1]);
        Assert.Equal("yes", args[args.IndexOf("--tls-auth-clients") + 1]);
        Assert.Contains("--requirepass", args);
        var redisFiles = MountedSecret(redis, container, "otrain-redis-tls");
        Assert.All(new[] { "--tls-cert-file", "--tls-key-file", "--tls-ca-cert-file" }, flag => Assert.StartsWith(redisFiles + "/", args[args.IndexOf(flag) + 1]));
        Assert.Contains("--tls", container["readinessProbe"]!["exec"]!["command"]!.AsArray().Select(a => a!.ToString()));

        foreach (var workload in new[] { "silo", "admin" })
        {
            var pod = manifests.Single("Deployment", workload)["spec"]!["template"]!["spec"]!;
            var app = pod["containers"]![0]!;
            var env = app["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
            var redisClient = MountedSecret(pod, app, "otrain-redis-client-tls");
            var cluster = MountedSecret(pod, app, "otrain-cluster-tls");
            Assert.All(new[] { "CaFile", "CertificateFile", "KeyFile" }, setting =>
            {
                Assert.StartsWith(redisClient + "/", env[$"OTRAIN_OrleansTrainer__RedisTls__{setting}"]);
                Assert.StartsWith(cluster + "/", env[$"OTRAIN_OrleansTrainer__Tls__{setting}"]);
            });
        }

        var silo = manifests.Single("Deployment", "silo")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Contains(silo, e => (string?)e!["name"] == "OTRAIN_OrleansTrainer__Tls__RequireClientCertificate" && (string?)e["value"] == "true");
    }

    // Where the container mounts the pod's volume of Secret <secret> (read-only).
    private static string MountedSecret(System.Text.Json.Nodes.JsonNode pod, System.Text.Json.Nodes.JsonNode container, string secret)
    {
        var volume = Assert.Single(pod["volumes"]!.AsArray(), v => (string?)v!["secret"]?["secretName"] == secret)!;
        var mount = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == (string?)volume["name"])!;
        Assert.True((bool?)mount["readOnly"]);
        return (string)mount["mountPath"]!;
    }
}
