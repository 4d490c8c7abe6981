using System.Text.Json;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>Resolves where the cluster is (option, then environment, then config file, then default) and connects.</summary>
public static class ClusterConnection
{
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
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
    }

    /// <summary>Connects to the cluster; a cluster that cannot be reached is a failure naming where it was looked for.</summary>
    public static async Task<TrainerClient> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken)
    {
        var options = Resolve(settings);
        try
        {
            return await TrainerClient.ConnectAsync(options, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw CliException.Failure($"cannot reach cluster {options.ClusterId} through Redis {options.Redis}: {error.Message}");
        }
    }

    private static string Pick(string? option, string variable, string? fromFile, string fallback) =>
        new[] { option, Environment.GetEnvironmentVariable(variable), fromFile }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? fallback;

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

    private sealed record ConfigFile(string? Cluster, string? ClusterId, string? ServiceId);
}
