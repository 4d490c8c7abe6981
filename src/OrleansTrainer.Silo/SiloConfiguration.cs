using Microsoft.Extensions.Configuration;
using OrleansTrainer.Hosting;

namespace OrleansTrainer.Silo;

/// <summary>Assembles a silo's configuration from <c>silo-config/&lt;environment&gt;.json</c>, the environment and the command line.</summary>
public static class SiloConfiguration
{
    /// <summary>Prefix of the environment variables that override the file.</summary>
    public const string EnvironmentPrefix = "OTRAIN_";

    /// <summary>
    /// The environment name: <c>--environment NAME</c> on the command line, else <c>OTRAIN_ENVIRONMENT</c>, else <c>local</c>.
    /// It names the file <c>silo-config/NAME.json</c> next to the silo binary.
    /// </summary>
    public static string EnvironmentName(string[] args)
    {
        var fromArgs = new ConfigurationBuilder().AddCommandLine(args).Build()["environment"];
        return fromArgs ?? Environment.GetEnvironmentVariable(EnvironmentPrefix + "ENVIRONMENT") ?? "local";
    }

    /// <summary>
    /// Adds the sources in override order: the file, the standard <c>OTEL_</c> variables
    /// (<see cref="OpenTelemetryEnvironment"/>), the pod's variables (<see cref="PodEnvironment"/>),
    /// <c>OTRAIN_</c> environment variables, the command line, and last the Redis connection string from the file named
    /// by <c>OrleansTrainer:RedisSecretFile</c> (<see cref="RedisSecretFile"/>), if any.
    /// </summary>
    public static void AddSources(IConfigurationManager configuration, string environment, string[] args)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "silo-config", environment + ".json");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No silo configuration for environment \"{environment}\": {file} does not exist.", file);
        }

        configuration.AddJsonFile(file, optional: false, reloadOnChange: false)
            .AddInMemoryCollection(OpenTelemetryEnvironment.Settings(Environment.GetEnvironmentVariables()))
            .AddInMemoryCollection(PodEnvironment.Settings(Environment.GetEnvironmentVariables()))
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);
        configuration.AddRedisSecretFile();
    }
}
