using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// The Redis keys OrleansTrainer writes beside Orleans' own grain state, all under the service id so that several
/// deployments can share one Redis: <c>{service}/rows/{dataset}/{shard}/{chunk}</c> for shard row chunks and
/// <c>{service}/metrics/{job}</c> for a job's round metrics and <c>{service}/lbfgs/{job}/{generation}</c> for the L-BFGS
/// correction pairs of a job's trainer, <c>{service}/lbfgs/{job}/iterate/{evaluation}</c> for its iterate, and
/// <c>{service}/kept/{job}</c> for the parameters of the round early stopping keeps. No key has a hash tag: on a Redis
/// Cluster each hashes to a slot of its own, so a dataset's row chunks spread over the masters, and every command
/// touches one key (docs/architecture.md, "Redis Cluster").
/// </summary>
public sealed class RedisKeys(IOptions<ClusterOptions> clusterOptions)
{
    private readonly string _prefix = clusterOptions.Value.ServiceId;

    /// <summary>The key of one chunk of a shard's rows.</summary>
    public RedisKey ShardChunk(string shardKey, int chunk) => string.Create(CultureInfo.InvariantCulture, $"{_prefix}/rows/{shardKey}/{chunk}");

    /// <summary>The list of a job's round metrics, one entry per committed round.</summary>
    public RedisKey JobMetrics(string job) => $"{_prefix}/metrics/{job}";

    /// <summary>An L-BFGS accepted point of a job and its gradient, by the number of steps accepted when it was reached.</summary>
    public RedisKey LbfgsPoint(string job, long iterations) => string.Create(CultureInfo.InvariantCulture, $"{_prefix}/lbfgs/{job}/point/{iterations}");

    /// <summary>
    /// A <c>SCAN</c> pattern that matches every L-BFGS key of a job (its accepted points) and no other key: job names
    /// hold no '/' and no glob character, and the service id's glob characters are escaped.
    /// </summary>
    public RedisValue LbfgsKeysPattern(string job) => $"{EscapeGlob(_prefix)}/lbfgs/{job}/*";

    /// <summary>The solver parameters of the best validated round of a job that stops early (<see cref="KeptWeights"/>).</summary>
    public RedisKey KeptWeights(string job) => $"{_prefix}/kept/{job}";

    /// <summary>
    /// Deletes <paramref name="keys"/> one <c>DEL</c> each, pipelined: none of OrleansTrainer's keys carries a hash tag,
    /// so on a Redis Cluster they hash to slots of their own (a dataset's rows spread over the masters) and a <c>DEL</c>
    /// of several keys would be refused. No deletion needs to be atomic: each is repeated until it has happened.
    /// </summary>
    public static async Task DeleteEachAsync(IDatabase db, IEnumerable<RedisKey> keys) =>
        await Task.WhenAll(keys.Select(key => db.KeyDeleteAsync(key)));

    private static string EscapeGlob(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));
}
