using System.Text.Json.Nodes;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>Rules of our own that every rendered overlay keeps, beyond what the Kubernetes schemas require.</summary>
public sealed class ManifestInvariantTests
{
    private const string RedisSecret = "otrain-redis";

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_container_has_startup_readiness_and_liveness_probes(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        Assert.All(Containers(manifests), c =>
        {
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                Assert.True(c.Container[probe] is JsonObject, $"{c.Workload}/{c.Container["name"]} has no {probe}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_pod_runs_as_a_non_root_user_without_privileges_a_service_account_token_or_a_writable_root(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        Assert.All(manifests.PodSpecs(), p =>
        {
            var pod = p.PodSpec["securityContext"]!;
            Assert.True((bool?)pod["runAsNonRoot"] == true, $"{p.Workload}: runAsNonRoot");
            Assert.True((int?)pod["runAsUser"] > 0, $"{p.Workload}: runAsUser");
            Assert.True((bool?)p.PodSpec["automountServiceAccountToken"] == false, $"{p.Workload}: automountServiceAccountToken");
        });
        Assert.All(Containers(manifests), c =>
        {
            var security = c.Container["securityContext"]!;
            Assert.True((bool?)security["allowPrivilegeEscalation"] == false, $"{c.Workload}: allowPrivilegeEscalation");
            Assert.True((bool?)security["readOnlyRootFilesystem"] == true, $"{c.Workload}: readOnlyRootFilesystem");
            Assert.Equal("ALL", (string?)Assert.Single(security["capabilities"]!["drop"]!.AsArray()));
            Assert.True(c.Container["securityContext"]!["privileged"] is null || (bool?)security["privileged"] == false);
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Every_container_requests_cpu_and_memory_and_limits_memory_but_not_cpu(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);

        Assert.All(Containers(manifests), c =>
        {
            var resources = c.Container["resources"]!;
            Assert.NotNull(resources["requests"]?["cpu"]);
            Assert.NotNull(resources["requests"]?["memory"]);
            Assert.NotNull(resources["limits"]?["memory"]);
            Assert.Null(resources["limits"]?["cpu"]);
            Assert.True(Quantity.Bytes(resources["requests"]!["memory"]!) <= Quantity.Bytes(resources["limits"]!["memory"]!), $"{c.Workload}: memory request above limit");
        });
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task The_silo_declares_every_port_of_its_settings_and_probes_the_health_port(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var silo = SiloContainer(manifests);

        var ports = silo["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (int)p!["containerPort"]!);
        Assert.Equal(SiloSettings.SiloPort, ports["silo"]);
        Assert.Equal(SiloSettings.GatewayPort, ports["gateway"]);
        Assert.Equal(SiloSettings.HealthPort, ports["health"]);
        foreach (var (probe, path) in new[] { ("startupProbe", "/health/startup"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
        {
            var get = silo[probe]!["httpGet"]!;
            Assert.Equal(path, (string?)get["path"]);
            Assert.Equal(SiloSettings.HealthPort, ports[(string)get["port"]!]);
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task The_silo_gets_its_identity_from_the_pod_as_the_orleans_guidance_says(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var template = manifests.Single("Deployment", "silo")["spec"]!["template"]!;
        var env = SiloContainer(manifests)["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);

        Assert.Equal("status.podIP", (string?)env["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.name", (string?)env["POD_NAME"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        foreach (var (variable, label) in new[] { ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId") })
        {
            Assert.Equal($"metadata.labels['{label}']", (string?)env[variable]["valueFrom"]!["fieldRef"]!["fieldPath"]);
            Assert.False(string.IsNullOrEmpty((string?)template["metadata"]!["labels"]![label]), $"the pod template has no {label} label");
        }
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Redis_and_the_silos_use_the_same_secret_and_the_silo_finds_the_connection_string_where_its_settings_say(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var redis = Assert.Single(manifests.PodSpecs(), p => p.Workload == "redis").PodSpec["containers"]![0]!;
        var password = Assert.Single(redis["env"]!.AsArray(), e => (string?)e!["name"] == "REDIS_PASSWORD")!;
        Assert.Equal(RedisSecret, (string?)password["valueFrom"]!["secretKeyRef"]!["name"]);

        var podSpec = Assert.Single(manifests.PodSpecs(), p => p.Workload == "silo").PodSpec;
        var directory = Path.GetDirectoryName(SiloSettings.RedisSecretFile)!;
        var mount = Assert.Single(SiloContainer(manifests)["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == directory)!;
        var volume = Assert.Single(podSpec["volumes"]!.AsArray(), v => (string?)v!["name"] == (string?)mount["name"])!;
        Assert.Equal(RedisSecret, (string?)volume["secret"]!["secretName"]);
        var item = Assert.Single(volume["secret"]!["items"]!.AsArray())!;
        Assert.Equal("connection-string", (string?)item["key"]);
        Assert.Equal(Path.GetFileName(SiloSettings.RedisSecretFile), (string?)item["path"]);
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Silos_roll_out_without_losing_capacity_and_get_longer_to_stop_than_they_take_to_drain(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var silo = manifests.Single("Deployment", "silo");

        Assert.Equal(0, (int)silo["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]!);
        var grace = TimeSpan.FromSeconds((int)silo["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!);
        Assert.True(grace > SiloSettings.ShutdownTimeout, $"terminationGracePeriodSeconds {grace} must exceed the silo's shutdown timeout {SiloSettings.ShutdownTimeout}");
        var budget = manifests.Single("PodDisruptionBudget", "silo");
        Assert.Equal(
            silo["spec"]!["selector"]!["matchLabels"]!.ToJsonString(),
            budget["spec"]!["selector"]!["matchLabels"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Redis_keeps_an_append_only_file_on_its_persistent_volume(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var redis = manifests.Single("StatefulSet", "redis");
        var container = redis["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var args = container["args"]!.AsArray().Select(a => a!.ToString()).ToList();

        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal("always", args[args.IndexOf("--appendfsync") + 1]);
        var claim = Assert.Single(redis["spec"]!["volumeClaimTemplates"]!.AsArray())!;
        var mount = Assert.Single(container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == (string?)claim["metadata"]!["name"])!;
        Assert.Equal(args[args.IndexOf("--dir") + 1], (string?)mount["mountPath"]);
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task Network_policies_deny_by_default_and_let_only_the_silos_and_the_console_reach_redis(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var policies = manifests.OfKind("NetworkPolicy").ToList();

        var denyAll = manifests.Single("NetworkPolicy", "default-deny-ingress");
        Assert.Empty(denyAll["spec"]!["podSelector"]!.AsObject());
        Assert.Null(denyAll["spec"]!["ingress"]);
        var redisRules = policies.Where(p => AppOf(p["spec"]!["podSelector"]) == "redis").SelectMany(p => p["spec"]!["ingress"]!.AsArray()).ToList();
        Assert.NotEmpty(redisRules);
        // A Redis Cluster's nodes also talk to each other, and its bootstrap Job joins them.
        string[] peers = overlay == "redis-cluster" ? ["silo", "admin", "redis", "redis-cluster-create"] : ["silo", "admin"];
        Assert.All(redisRules.SelectMany(r => r!["from"]!.AsArray()), peer => Assert.Contains(AppOf(peer!["podSelector"]), peers));
        // Only the console may be reached from anywhere: every other rule names its peers.
        Assert.All(policies.Where(p => AppOf(p["spec"]!["podSelector"]) != "admin").SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? []),
            rule => Assert.NotNull(rule!["from"]));
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task The_console_joins_the_silos_cluster_through_the_same_redis_secret_and_is_the_only_pod_open_to_all(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var siloLabels = manifests.Single("Deployment", "silo")["spec"]!["template"]!["metadata"]!["labels"]!;
        var admin = Assert.Single(Assert.Single(manifests.PodSpecs(), p => p.Workload == "admin").PodSpec["containers"]!.AsArray())!;
        var env = admin["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!);

        Assert.Equal((string?)siloLabels["orleans/clusterId"], (string?)env["OTRAIN_OrleansTrainer__ClusterId"]["value"]);
        Assert.Equal((string?)siloLabels["orleans/serviceId"], (string?)env["OTRAIN_OrleansTrainer__ServiceId"]["value"]);
        Assert.Equal(RedisSecret, (string?)env["OTRAIN_OrleansTrainer__Redis"]["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("connection-string", (string?)env["OTRAIN_OrleansTrainer__Redis"]["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.NotNull(env["OTRAIN_Admin__KeyHash"]["valueFrom"]!["secretKeyRef"]);
        Assert.Equal("http://0.0.0.0:8080", (string?)env["ASPNETCORE_URLS"]["value"]);

        var open = manifests.OfKind("NetworkPolicy").Where(p => (p["spec"]!["ingress"]?.AsArray() ?? []).Any(r => r!["from"] is null)).ToList();
        var policy = Assert.Single(open);
        Assert.Equal("admin", AppOf(policy["spec"]!["podSelector"]));
        Assert.Equal(8080, (int)Assert.Single(Assert.Single(policy["spec"]!["ingress"]!.AsArray())!["ports"]!.AsArray())!["port"]!);
        var service = manifests.Single("Service", "admin");
        Assert.Equal("admin", (string?)service["spec"]!["selector"]!["app.kubernetes.io/name"]);
        Assert.Equal(new[] { "admin", "redis" }, manifests.OfKind("Service").Select(s => (string)s["metadata"]!["name"]!).Order());
    }

    [Theory]
    [MemberData(nameof(Manifests.Overlays), MemberType = typeof(Manifests))]
    public async Task The_console_runs_at_least_two_replicas_that_roll_without_losing_one(string overlay)
    {
        var manifests = await Manifests.RenderAsync(overlay);
        var admin = manifests.Single("Deployment", "admin")["spec"]!;

        Assert.True((int)admin["replicas"]! >= 2, $"{overlay}: the console has {admin["replicas"]} replica(s)");
        Assert.Equal(0, (int)admin["strategy"]!["rollingUpdate"]!["maxUnavailable"]!);
    }

    private static string? AppOf(JsonNode? selector) => (string?)selector?["matchLabels"]?["app.kubernetes.io/name"];

    private static JsonNode SiloContainer(Manifests manifests) =>
        Assert.Single(Assert.Single(manifests.PodSpecs(), p => p.Workload == "silo").PodSpec["containers"]!.AsArray(), c => (string?)c!["name"] == "silo")!;

    private static IEnumerable<(string Workload, JsonNode Container)> Containers(Manifests manifests) =>
        manifests.PodSpecs().SelectMany(p => p.PodSpec["containers"]!.AsArray().Concat(p.PodSpec["initContainers"]?.AsArray() ?? []).Select(c => (p.Workload, c!)));
}
