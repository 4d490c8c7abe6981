using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>Registers what OrleansTrainer's grains need on a silo.</summary>
public static class TrainerSiloBuilderExtensions
{
    /// <summary>
    /// Adds the OrleansTrainer grain services: one shared Redis connection, Orleans' Redis grain storage under
    /// <see cref="TrainerStorage.ProviderName"/> with the binary Orleans serializer (not the default JSON one), and the
    /// helpers that store shard row chunks and job metrics in Redis, and Redis reminders (the trainers' watchdog). Cleared
    /// state is deleted, not left as an empty record. <see cref="TrainerOptions"/> can be configured on the services.
    /// Also adds the silo side of the Orleans Dashboard (its statistics grains), which the admin console mounts at
    /// <c>/dashboard</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="redisConfiguration">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    public static ISiloBuilder AddOrleansTrainer(this ISiloBuilder builder, string redisConfiguration)
    {
        var options = RedisOptions(redisConfiguration);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<RedisKeys>();
        builder.Services.AddSingleton<MetricsLog>();
        builder.Services.AddOptions<TrainerOptions>();
        builder.AddDashboard();
        builder.UseRedisReminderService(reminders =>
        {
            reminders.ConfigurationOptions = options;
        });
        builder.AddRedisGrainStorage(TrainerStorage.ProviderName, optionsBuilder => optionsBuilder.Configure<IServiceProvider>((storage, services) =>
        {
            storage.ConfigurationOptions = options;
            storage.DeleteStateOnClear = true;
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            storage.CreateMultiplexer = _ => Task.FromResult((services.GetRequiredService<IConnectionMultiplexer>(), true));
        }));
        return builder;
    }

    /// <summary>
    /// The Redis client settings every OrleansTrainer connection uses: keep retrying while Redis is down instead of
    /// failing at start-up, so a silo survives a Redis restart.
    /// </summary>
    public static ConfigurationOptions RedisOptions(string redisConfiguration)
    {
        var options = ConfigurationOptions.Parse(redisConfiguration);
        options.AbortOnConnectFail = false;

        // A weight block of a million parameters writes tens of megabytes at a commit; 5 s (the default) is too short on a busy host.
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, 30_000);
        return options;
    }
}
