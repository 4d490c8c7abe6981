using OrleansTrainer.Client;
using OrleansTrainer.Redis;
using StackExchange.Redis;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>
/// Checks, before the Orleans client starts, that the cluster's Redis answers and holds a membership table for the
/// cluster and service id, so that a wrong address or id fails in a second with one line naming what was tried, not
/// after the gateway retries.
/// </summary>
internal static class ClusterProbe
{
    /// <summary>How long Redis may take to accept the connection.</summary>
    public static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Throws a <see cref="CliException"/> failure when Redis does not answer or knows no such cluster.</summary>
    public static async Task CheckAsync(TrainerClientOptions options, CancellationToken cancellationToken)
    {
        ConnectionMultiplexer redis;
        try
        {
            redis = await TrainerRedisConnection.ConnectAsync(options.Redis, options.RedisTls, ClusterConnection.RedisNames, RedisTimeout, cancellationToken);
        }
        catch (RedisAccessException refused) when (refused.Failure == RedisAccessFailure.Unreachable)
        {
            throw new CliException(ExitCodes.Failure, $"{refused.Message} (--cluster, $OTRAIN_CLUSTER)", refused);
        }
        catch (Exception refused) when (refused is RedisAccessException or InvalidOperationException)
        {
            throw new CliException(ExitCodes.Failure, refused.Message, refused);
        }

        await using (redis)
        {
            var key = MembershipKey(options.ServiceId, options.ClusterId);
            if (!await redis.GetDatabase().KeyExistsAsync(key).WaitAsync(cancellationToken))
            {
                throw CliException.Failure(
                    $"Redis {TrainerRedisConnection.Describe(options.Redis)} holds no cluster with cluster id {options.ClusterId} and service id {options.ServiceId} " +
                    $"(--cluster-id, --service-id; $OTRAIN_CLUSTER_ID, $OTRAIN_SERVICE_ID){Known(redis)}");
            }
        }
    }

    /// <summary>The key of the membership table Orleans' Redis clustering keeps for a cluster.</summary>
    public static string MembershipKey(string serviceId, string clusterId) => $"{serviceId}/members/{clusterId}";

    // The clusters this Redis does hold (a few), so that a mistyped id can be corrected from the message; on a Redis
    // Cluster every master holds some keys, so each is scanned.
    private static string Known(ConnectionMultiplexer redis)
    {
        var keys = redis.GetServers().Where(s => s.IsConnected && !s.IsReplica)
            .SelectMany(server => server.Keys(pattern: "*/members/*", pageSize: 100)).Take(5).Select(k => k.ToString()).ToArray();
        return keys.Length == 0 ? "; it holds none" : "; it holds " + string.Join(", ", keys.Select(Describe));
    }

    private static string Describe(string key)
    {
        var parts = key.Split("/members/", 2);
        return $"cluster id {parts[1]} (service id {parts[0]})";
    }
}
