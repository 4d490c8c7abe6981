using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansTrainer.Client;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>
/// Resolves where the cluster is (option, then environment, then config file, then default) and connects, failing within
/// seconds when it is not there.
/// </summary>
public static class ClusterConnection
{
    /// <summary>How long the client keeps trying the gateways of a cluster whose membership Redis holds.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How otrain's Redis settings are named in errors.</summary>
    public static readonly RedisOptionNames RedisNames = new(
        "--cluster ($OTRAIN_CLUSTER)", "--redis-ca ($OTRAIN_REDIS_CA)", "--redis-cert ($OTRAIN_REDIS_CERT)", "--redis-key ($OTRAIN_REDIS_KEY)");

    /// <summary>The client options for <paramref name="settings"/>.</summary>
    public static TrainerClientOptions Resolve(ClusterSettings settings)
    {
        var file = ReadConfigFile(settings.Config ?? Environment.GetEnvironmentVariable("OTRAIN_CONFIG"), settings.Config is not null);
        var defaults = new TrainerClientOptions();
        return new TrainerClientOptions
        {
            Redis = Pick(settings.Cluster, "OTRAIN_CLUSTER", file?.Cluster, defaults.Redis),
            ClusterId = Pick(settings.ClusterId, "OTRAIN_CLUSTER_ID", file?.ClusterId, defaults.ClusterId),
            ServiceId = Pick(settings.ServiceId, "OTRAIN_SERVICE_ID", file?.ServiceId, defaults.ServiceId),
            RedisTls = new RedisTlsOptions
            {
                CaFile = Pick(settings.RedisCa, "OTRAIN_REDIS_CA", file?.RedisCa),
                CertificateFile = Pick(settings.RedisCert, "OTRAIN_REDIS_CERT", file?.RedisCert),
                KeyFile = Pick(settings.RedisKey, "OTRAIN_REDIS_KEY", file?.RedisKey),
            },
            ConnectTimeout = ConnectTimeout,
            MinimumLogLevel = settings.Verbose ? LogLevel.Information : LogLevel.None,
        };
    }

    /// <summary>
    /// Connects to the cluster; an unreachable Redis, a cluster id Redis does not know or silos that do not answer are a
    /// failure naming where the cluster was looked for.
    /// </summary>
    public static async Task<TrainerClient> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        var options = Resolve(settings);
        await ClusterProbe.CheckAsync(options, cancellationToken);
        try
        {
            return await TrainerClient.ConnectAsync(options, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new CliException(ExitCodes.Failure,
                $"no silo of cluster {options.ClusterId} (service {options.ServiceId}, Redis {TrainerRedisConnection.Describe(options.Redis)}) answered within {ConnectTimeout.TotalSeconds:0} s", error);
        }
    }

    private static string Pick(string? option, string variable, string? fromFile, string fallback) => Pick(option, variable, fromFile) ?? fallback;

    private static string? Pick(string? option, string variable, string? fromFile) =>
        new[] { option, Environment.GetEnvironmentVariable(variable), fromFile }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static ConfigFile? ReadConfigFile(string? path, bool required)
    {
        path ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "otrain", "config.json");
        if (!File.Exists(path))
        {
            return required ? throw CliException.NotFound($"config file {path} does not exist") : null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException error)
        {
            throw CliException.Usage($"config file {path} is not valid JSON: {error.Message}");
        }
    }

    private sealed record ConfigFile(string? Cluster, string? ClusterId, string? ServiceId, string? RedisCa, string? RedisCert, string? RedisKey);
}
