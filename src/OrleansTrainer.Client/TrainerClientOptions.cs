using Microsoft.Extensions.Logging;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Client;

/// <summary>Where the cluster is: the Redis that holds its membership, and its ids.</summary>
public sealed class TrainerClientOptions
{
    /// <summary>StackExchange.Redis configuration string of the cluster's Redis. Default <c>127.0.0.1:6379</c>.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Certificates for TLS to Redis, as the silos': the CA file, and a client certificate and key for a Redis that
    /// requires one. The user and password go in <see cref="Redis"/>. Default none.
    /// </summary>
    public RedisTlsOptions RedisTls { get; set; } = new();

    /// <summary>
    /// TLS to the silos' gateways, for a cluster whose silos use it: the CA file of the silos' certificates, and this
    /// client's certificate for a cluster that requires one. Default off.
    /// </summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>The cluster id the silos use. Default <c>otrain-local</c>.</summary>
    public string ClusterId { get; set; } = "otrain-local";

    /// <summary>The service id the silos use. Default <c>otrain</c>.</summary>
    public string ServiceId { get; set; } = "otrain";

    /// <summary>How long to keep trying to reach a gateway when connecting. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The least severe log entry the client writes to standard error. Default <see cref="LogLevel.Warning"/>; <see cref="LogLevel.None"/> for none.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
