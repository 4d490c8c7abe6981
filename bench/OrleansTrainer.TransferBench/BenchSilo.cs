using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansTrainer.Grains;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.Redis;

namespace OrleansTrainer.TransferBench;

/// <summary>
/// This process as a second silo of a <see cref="LocalTrainerCluster"/>: joined through the cluster's Redis on loopback TCP
/// ports, with the trainer's grains and storage as every silo has them, plus the bench's probe grain, which only this silo
/// hosts (so it is always placed here).
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    /// <summary>The silo's services: its grain factory, storage providers and Redis connection.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>This silo's address.</summary>
    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Starts the silo and waits until it has joined <paramref name="cluster"/>.</summary>
    public static async Task<BenchSilo> StartAsync(LocalTrainerCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = TrainerRedisConnection.Options(cluster.Redis.ConnectionString));
            var ports = FreePort.Distinct(2);
            silo.ConfigureEndpoints(IPAddress.Loopback, ports[0], ports[1]);
            silo.AddOrleansTrainer(cluster.Redis.ConnectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
