using OrleansTrainer.Redis;

namespace OrleansTrainer.Admin;

/// <summary>
/// Where the cluster is, bound from the <c>OrleansTrainer</c> section with the same names as the silo's settings:
/// <c>OrleansTrainer:ClusterId</c>, <c>OrleansTrainer:ServiceId</c>, <c>OrleansTrainer:Redis</c> (environment:
/// <c>OTRAIN_OrleansTrainer__Redis</c>; command line: <c>--OrleansTrainer:Redis=...</c>).
/// </summary>
public sealed class AdminConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OrleansTrainer";

    /// <summary>The silos' cluster id. Default <c>otrain-dev</c>, as the silo's.</summary>
    public string ClusterId { get; set; } = "otrain-dev";

    /// <summary>The silos' service id: the prefix of every Redis key. Default <c>otrain</c>.</summary>
    public string ServiceId { get; set; } = "otrain";

    /// <summary>StackExchange.Redis configuration string of the cluster's Redis. Default <c>127.0.0.1:6379</c>.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>Certificates for TLS to Redis (<c>OrleansTrainer:RedisTls:CaFile</c>, ...), as the silo's. Default none.</summary>
    public RedisTlsOptions RedisTls { get; set; } = new();

    /// <summary>TLS to the silos' gateways (<c>OrleansTrainer:Tls:CaFile</c>, <c>...:CertificateFile</c>, ...), as the silo's. Default off.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();
}
