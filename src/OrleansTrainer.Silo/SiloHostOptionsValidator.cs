using System.Net;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Silo;

/// <summary>Refuses silo settings that cannot work, naming the setting.</summary>
public static class SiloHostOptionsValidator
{
    /// <summary>How the silo's Redis settings are named in its configuration.</summary>
    public static readonly RedisOptionNames RedisNames = RedisOptionNames.InSection(SiloHostOptions.Section);

    /// <summary>Checks every setting, and that the Redis certificate files exist and can be read.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or out of range.</exception>
    public static void Validate(SiloHostOptions options)
    {
        Require(!string.IsNullOrWhiteSpace(options.ClusterId), "ClusterId is empty");
        Require(!string.IsNullOrWhiteSpace(options.ServiceId), "ServiceId is empty");
        Require(!string.IsNullOrWhiteSpace(options.Redis), "Redis (the connection string) is empty");
        Require(Enum.IsDefined(options.Clustering), $"Clustering must be Redis or Localhost, not {options.Clustering}");
        Require(options.SiloPort is > 0 and < 65536, $"SiloPort {options.SiloPort} is not a port");
        Require(options.GatewayPort is > 0 and < 65536, $"GatewayPort {options.GatewayPort} is not a port");
        Require(options.SiloPort != options.GatewayPort, "SiloPort and GatewayPort must differ");
        Require(options.HealthPort is >= 0 and < 65536, $"HealthPort {options.HealthPort} is not a port (0 picks a free one)");
        Require(options.HealthPort != options.SiloPort && options.HealthPort != options.GatewayPort, "HealthPort must differ from SiloPort and GatewayPort");
        Require(options.ShutdownTimeout > TimeSpan.Zero, $"ShutdownTimeout {options.ShutdownTimeout} is not positive");
        Require(IPAddress.TryParse(options.AdvertisedAddress, out _), $"AdvertisedAddress \"{options.AdvertisedAddress}\" is not an IP address");
        try
        {
            TrainerRedisConnection.Options(options.Redis, options.RedisTls, RedisNames);
            if (options.Tls.IsEnabled)
            {
                ClusterTls.Certificate(options.Tls, SiloTls.Prefix, required: true)!.Dispose();
                ClusterTls.Authorities(options.Tls, SiloTls.Prefix);
            }
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"Invalid silo configuration: {error.Message}", error);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Invalid silo configuration ({SiloHostOptions.Section} section): {message}.");
        }
    }
}
