using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansTrainer.Grains;
using OrleansTrainer.Hosting;
using OrleansTrainer.Redis;
using OrleansTrainer.Silo;

var environment = SiloConfiguration.EnvironmentName(args);
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
SiloConfiguration.AddSources(builder.Configuration, environment, args);
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();

var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
SiloHostOptionsValidator.Validate(options);
// A Redis that answers but refuses this silo (certificate, TLS, user or password) stops it here, in seconds, with one line.
try
{
    await TrainerRedisConnection.VerifyAsync(options.Redis, options.RedisTls, SiloHostOptionsValidator.RedisNames);
}
catch (RedisAccessException refused)
{
    await Console.Error.WriteLineAsync($"silo refuses to start: {refused.Message}");
    return 1;
}
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

// Metrics of the trainer, Orleans and the runtime, scraped at /metrics on the health port; OTLP export when configured.
builder.AddTrainerTelemetry("otrain-silo", meters: [TrainerTelemetry.Name], activitySources: [TrainerTelemetry.Name]);

// Health endpoints for Kubernetes' probes (docs/deploy.md), registered first so that they outlive the silo's shutdown:
// ready = started, joined the cluster and Redis answers; live = the process answers.
builder.Services.AddTrainerHealthChecks()
    .AddCheck<ClusterMembershipHealthCheck>("cluster-membership", tags: [HealthTags.Ready]);
builder.Services.AddHealthEndpointServer(new IPEndPoint(
    options.ListenOnAnyAddress ? IPAddress.Any : IPAddress.Parse(options.AdvertisedAddress), options.HealthPort));

builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = options.ClusterId;
        cluster.ServiceId = options.ServiceId;
    });
    // Failure detection (docs/faults.md): a silo that stops answering probes is declared dead within seconds.
    silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
    if (!string.IsNullOrEmpty(options.SiloName))
    {
        silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
    }

    if (options.Clustering == ClusteringMode.Localhost)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
    }
    else
    {
        silo.UseRedisClustering(redis => redis.ConfigurationOptions = TrainerRedisConnection.Options(options.Redis, options.RedisTls));
        silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, options.ListenOnAnyAddress);
    }

    // A round's span reaches the shards and blocks it calls (with a trace exporter configured).
    silo.AddActivityPropagation();
    silo.UseTrainerTls(options.Tls);
    silo.AddOrleansTrainer(options.Redis, redisTls: options.RedisTls);
});

await builder.Build().RunAsync();
return 0;
