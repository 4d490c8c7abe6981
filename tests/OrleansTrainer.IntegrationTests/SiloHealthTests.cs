using System.Net;
using Orleans.Runtime;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A silo process with the Kubernetes settings (<c>silo-config/kubernetes.json</c>) configured the way a pod configures
/// it: POD_IP, POD_NAME, ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID in its environment and the Redis connection string in
/// a mounted secret file; its health endpoints answer what the probes need.
/// </summary>
public sealed class SiloHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_pod_configured_silo_is_ready_once_joined_unready_while_redis_is_down_and_always_live()
    {
        await using var redis = await RedisServer.StartAsync();
        var secret = Path.Combine(redis.DataDirectory, "connection-string");
        await File.WriteAllTextAsync(secret, redis.ConnectionString + "\n");
        var clusterId = "k8s-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloProcess.StartAsync("silo-k8s", "kubernetes", new Dictionary<string, string>(), new Dictionary<string, string>
        {
            ["POD_IP"] = "127.0.0.1",
            ["POD_NAME"] = "otrain-silo-7d9f-abcde",
            ["ORLEANS_CLUSTER_ID"] = clusterId,
            ["ORLEANS_SERVICE_ID"] = "otrain-k8s",
            ["OTRAIN_OrleansTrainer__RedisSecretFile"] = secret,
        });
        using var probe = new HealthProbe(silo.HealthPort);

        await probe.WaitForAsync("ready", HttpStatusCode.OK, Patience);
        Assert.Equal(HttpStatusCode.OK, await probe.StatusAsync("startup"));
        Assert.Equal(HttpStatusCode.OK, await probe.StatusAsync("live"));

        // The silo joined the cluster named by the pod's variables, under the pod's name and address, through the secret's Redis.
        await using (var client = await TrainerClient.ConnectAsync(new TrainerClientOptions { Redis = redis.ConnectionString, ClusterId = clusterId, ServiceId = "otrain-k8s" }))
        {
            var hosts = await client.Cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
            var host = Assert.Single(hosts);
            Assert.Equal("otrain-silo-7d9f-abcde", host.SiloName);
            Assert.Equal(IPAddress.Loopback, host.SiloAddress.Endpoint.Address);
            Assert.Equal(silo.SiloPort, host.SiloAddress.Endpoint.Port);
        }

        await redis.StopAsync();
        await probe.WaitForAsync("ready", HttpStatusCode.ServiceUnavailable, Patience);
        Assert.Equal(HttpStatusCode.OK, await probe.StatusAsync("live"));

        await redis.StartAgainAsync();
        await probe.WaitForAsync("ready", HttpStatusCode.OK, Patience);

        Assert.True(await silo.StopAsync(TimeSpan.FromSeconds(90)), "the silo did not exit on SIGTERM:\n" + silo.Tail());
        Assert.Equal(0, silo.ExitCode);
    }

    [Fact]
    public async Task A_silo_refuses_to_start_when_the_redis_secret_file_is_missing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "otrain-no-such-secret-" + Guid.NewGuid().ToString("N"));
        var start = SiloProcess.StartAsync("silo-no-secret", "kubernetes", new Dictionary<string, string>(), new Dictionary<string, string>
        {
            ["POD_IP"] = "127.0.0.1",
            ["OTRAIN_OrleansTrainer__RedisSecretFile"] = missing,
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => start);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
