using System.ComponentModel;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>The options every otrain command takes: where the cluster is, and the output format.</summary>
public class ClusterSettings : CommandSettings
{
    /// <summary>The cluster's Redis (StackExchange.Redis configuration string).</summary>
    [CommandOption("--cluster <REDIS>")]
    [Description("The cluster's Redis, e.g. 127.0.0.1:6379. Else $OTRAIN_CLUSTER, else the config file, else 127.0.0.1:6379.")]
    public string? Cluster { get; set; }

    /// <summary>The CA file (PEM) that Redis's TLS certificate must chain to.</summary>
    [CommandOption("--redis-ca <FILE>")]
    [Description("CA file (PEM) of the Redis server's TLS certificate; turns TLS on. Else $OTRAIN_REDIS_CA, else the config file.")]
    public string? RedisCa { get; set; }

    /// <summary>The client certificate (PEM) for a Redis that requires one.</summary>
    [CommandOption("--redis-cert <FILE>")]
    [Description("Client certificate (PEM) for a Redis that requires one, with --redis-key. Else $OTRAIN_REDIS_CERT, else the config file.")]
    public string? RedisCert { get; set; }

    /// <summary>The client certificate's key (PEM).</summary>
    [CommandOption("--redis-key <FILE>")]
    [Description("The client certificate's private key (PEM). Else $OTRAIN_REDIS_KEY, else the config file.")]
    public string? RedisKey { get; set; }

    /// <summary>The silos' cluster id.</summary>
    [CommandOption("--cluster-id <ID>")]
    [Description("The silos' cluster id. Else $OTRAIN_CLUSTER_ID, else the config file, else otrain-local.")]
    public string? ClusterId { get; set; }

    /// <summary>The silos' service id.</summary>
    [CommandOption("--service-id <ID>")]
    [Description("The silos' service id. Else $OTRAIN_SERVICE_ID, else the config file, else otrain.")]
    public string? ServiceId { get; set; }

    /// <summary>A JSON file with <c>cluster</c>, <c>clusterId</c>, <c>serviceId</c>, <c>redisCa</c>, <c>redisCert</c>, <c>redisKey</c>.</summary>
    [CommandOption("--config <FILE>")]
    [Description("Config file (JSON: cluster, clusterId, serviceId, redisCa, redisCert, redisKey). Else $OTRAIN_CONFIG, else ~/.config/otrain/config.json if present.")]
    public string? Config { get; set; }

    /// <summary>Machine-readable output.</summary>
    [CommandOption("--json")]
    [Description("Print JSON for scripts instead of tables.")]
    public bool Json { get; set; }

    /// <summary>Details: the client's logs, and the stack trace of an error.</summary>
    [CommandOption("--verbose")]
    [Description("Print details: the Orleans client's logs, and an error's stack trace.")]
    public bool Verbose { get; set; }
}
