using Microsoft.Extensions.Configuration;

namespace OrleansTrainer.Hosting;

/// <summary>
/// Reads the Redis connection string from a file, as Kubernetes mounts a Secret: when
/// <see cref="FileKey"/> names a file, its content (trimmed) becomes <see cref="RedisKey"/>, overriding every other source.
/// </summary>
public static class RedisSecretFile
{
    /// <summary>The key whose value is the connection string (StackExchange.Redis configuration string).</summary>
    public const string RedisKey = "OrleansTrainer:Redis";

    /// <summary>The key naming the file that holds the connection string.</summary>
    public const string FileKey = "OrleansTrainer:RedisSecretFile";

    /// <summary>
    /// If <see cref="FileKey"/> is set, adds the file's content as <see cref="RedisKey"/> on top of the sources already
    /// added; call it after the others.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file named by <see cref="FileKey"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">The file is empty.</exception>
    public static IConfigurationManager AddRedisSecretFile(this IConfigurationManager configuration)
    {
        var path = configuration[FileKey];
        if (string.IsNullOrEmpty(path))
        {
            return configuration;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{FileKey} names {path}, which does not exist (is the Redis secret mounted?).", path);
        }

        var connectionString = File.ReadAllText(path).Trim();
        if (connectionString.Length == 0)
        {
            throw new InvalidOperationException($"The Redis secret file {path} ({FileKey}) is empty.");
        }

        configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(RedisKey, connectionString)]);
        return configuration;
    }
}
