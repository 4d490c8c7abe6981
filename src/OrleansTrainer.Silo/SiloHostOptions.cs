using OrleansTrainer.Redis;

namespace OrleansTrainer.Silo;

/// <summary>How silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>Membership in Redis: any number of silo processes on any hosts form one cluster.</summary>
    Redis = 0,

    /// <summary>Development mode: one silo on localhost, no membership store.</summary>
    Localhost = 1,
}

/// <summary>
/// The settings of one silo process, bound from the <c>OrleansTrainer</c> section of <c>silo-config/&lt;environment&gt;.json</c>,
/// then <c>OTRAIN_</c>-prefixed environment variables (<c>OTRAIN_OrleansTrainer__SiloPort=11112</c>), then the command line
/// (<c>--OrleansTrainer:SiloPort=11112</c>).
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "OrleansTrainer";

    /// <summary>The cluster this silo joins; silos with the same id form one cluster. Default <c>otrain-dev</c>.</summary>
    public string ClusterId { get; set; } = "otrain-dev";

    /// <summary>The service id; it prefixes every Redis key, so deployments sharing one Redis stay apart. Default <c>otrain</c>.</summary>
    public string ServiceId { get; set; } = "otrain";

    /// <summary>StackExchange.Redis configuration string for storage and clustering. Default <c>127.0.0.1:6379</c>.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Certificates for TLS to Redis (<c>OrleansTrainer:RedisTls:CaFile</c>, <c>...:CertificateFile</c>,
    /// <c>...:KeyFile</c>); the user and password go in <see cref="Redis"/> (<c>user=...,password=...</c>). Default none.
    /// </summary>
    public RedisTlsOptions RedisTls { get; set; } = new();

    /// <summary>
    /// TLS between silos and from clients (<c>OrleansTrainer:Tls:CertificateFile</c>, <c>...:KeyFile</c>,
    /// <c>...:CertificatePassword</c>, <c>...:CaFile</c>, <c>...:RequireClientCertificate</c>). Default off.
    /// </summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>How silos find each other. Default <see cref="ClusteringMode.Redis"/>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Redis;

    /// <summary>Port for silo-to-silo traffic. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address this silo advertises to others. Default <c>127.0.0.1</c>.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only the advertised address. Default false.</summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>The silo's name in logs and membership; empty for Orleans' default.</summary>
    public string SiloName { get; set; } = "";

    /// <summary>
    /// Port of the HTTP health endpoints (<c>/health/startup</c>, <c>/health/ready</c>, <c>/health/live</c>), on the
    /// advertised address or, with <see cref="ListenOnAnyAddress"/>, every interface; 0 lets the OS pick a free one.
    /// Default 8080.
    /// </summary>
    public int HealthPort { get; set; } = 8080;

    /// <summary>
    /// How long a stopping silo may take to let in-flight rounds finish, deactivate its grains (their state is in Redis)
    /// and leave the cluster before the host gives up. Kubernetes' <c>terminationGracePeriodSeconds</c> must exceed it.
    /// Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
