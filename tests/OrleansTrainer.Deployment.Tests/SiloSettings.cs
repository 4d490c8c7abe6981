using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>The silo's Kubernetes settings, silo-config/kubernetes.json, which the manifests must agree with.</summary>
internal static class SiloSettings
{
    private static readonly JsonNode Trainer = JsonNode.Parse(File.ReadAllText(Repository.Path("silo-config/kubernetes.json")))!["OrleansTrainer"]!;

    /// <summary>Silo-to-silo port.</summary>
    public static int SiloPort => (int)Trainer["SiloPort"]!;

    /// <summary>Client gateway port.</summary>
    public static int GatewayPort => (int)Trainer["GatewayPort"]!;

    /// <summary>Health endpoints' port.</summary>
    public static int HealthPort => (int)Trainer["HealthPort"]!;

    /// <summary>Where the silo reads the Redis connection string.</summary>
    public static string RedisSecretFile => (string)Trainer["RedisSecretFile"]!;

    /// <summary>How long the silo may take to drain.</summary>
    public static TimeSpan ShutdownTimeout => TimeSpan.Parse((string)Trainer["ShutdownTimeout"]!, CultureInfo.InvariantCulture);
}
