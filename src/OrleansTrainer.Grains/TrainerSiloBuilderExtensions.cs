using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansTrainer.Redis;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>Registers what OrleansTrainer's grains need on a silo.</summary>
public static class TrainerSiloBuilderExtensions
{
    /// <summary>
    /// Adds the OrleansTrainer grain services: one shared Redis connection, Orleans' Redis grain storage under
    /// <see cref="TrainerStorage.ProviderName"/> with the binary Orleans serializer (not the default JSON one), and the
    /// helpers that store shard row chunks and job metrics in Redis, and Redis reminders (the trainers' watchdog). Cleared
    /// state is deleted, not left as an empty record. Faults raised by the providers reach clients as messages
    /// (<see cref="ClientFacingExceptionFilter"/>). <see cref="TrainerOptions"/> are bound from the configuration
    /// section <see cref="TrainerOptions.Section"/>, then <paramref name="configureOptions"/> applies, and
    /// <see cref="TrainerOptionsValidator"/> checks them when the silo starts.
    /// Also adds the silo side of the Orleans Dashboard (its statistics grains), which the admin console mounts at
    /// <c>/dashboard</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="redisConfiguration">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="configureOptions">Further configuration of the trainer options, on top of the configuration section.</param>
    /// <param name="redisTls">The certificates for a TLS connection to Redis; none for a plain one.</param>
    public static ISiloBuilder AddOrleansTrainer(this ISiloBuilder builder, string redisConfiguration,
        Action<OptionsBuilder<TrainerOptions>>? configureOptions = null, RedisTlsOptions? redisTls = null)
    {
        var options = TrainerRedisConnection.Options(redisConfiguration, redisTls);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<RedisKeys>();
        builder.Services.AddSingleton<MetricsLog>();
        builder.Services.AddSingleton<ReplicaAcknowledgement>();
        var trainerOptions = builder.Services.AddOptions<TrainerOptions>().BindConfiguration(TrainerOptions.Section);
        configureOptions?.Invoke(trainerOptions);
        builder.Services.AddTransient<IConfigurationValidator, TrainerOptionsValidator>();
        builder.Services.AddOptions<SlowShardOptions>().BindConfiguration(SlowShardOptions.Section);
        builder.Services.AddSingleton<SlowShards>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JobRevival>();
        builder.AddIncomingGrainCallFilter<ClientFacingExceptionFilter>();
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
            var serviceId = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId;
            storage.GetStorageKey = (stateName, grain) => TrainerStorage.KeyOf(serviceId, grain, stateName);
        }));
        return builder;
    }
}
