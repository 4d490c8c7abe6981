using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Makes a commit wait until <see cref="TrainerOptions.ReplicaAcks"/> replicas of every Redis master hold the writes
/// this silo sent before it (<c>WAIT</c>, which counts the writes of the connection it is sent on: this silo's one
/// connection per master, shared by its grain storage and its own keys). On a Redis Cluster the masters are the nodes
/// that serve slots: a master that died and still serves its slots fails the wait (its writes may be lost), one whose
/// replica took over is no longer asked. Does nothing when the option is 0.
/// </summary>
public sealed class ReplicaAcknowledgement(IConnectionMultiplexer redis, IOptions<TrainerOptions> options)
{
    /// <summary>Whether commits wait for replicas (<see cref="TrainerOptions.ReplicaAcks"/> above 0).</summary>
    public bool IsEnabled => options.Value.ReplicaAcks > 0;

    /// <summary>Waits for the replicas of every connected master; returns at once when not <see cref="IsEnabled"/>.</summary>
    /// <exception cref="ReplicaAcknowledgementException">
    /// A master's replicas did not acknowledge within the timeout (a promoted replica has none until its old master
    /// comes back), or a master is not connected (it died and its replica is not promoted yet, or this silo has not
    /// learnt of the promotion yet).
    /// </exception>
    public async Task WaitAsync()
    {
        if (!IsEnabled)
        {
            return;
        }

        var required = options.Value.ReplicaAcks;
        var timeout = (long)options.Value.ReplicaAckTimeout.TotalMilliseconds;
        var masters = Masters();
        if (masters.FirstOrDefault(master => !master.IsConnected) is { } down)
        {
            throw new ReplicaAcknowledgementException($"Redis master {down.EndPoint} is not connected: the writes it acknowledged may not be on a replica");
        }

        var acknowledged = await Task.WhenAll(masters.Select(server => server.ExecuteAsync("WAIT", required, timeout)));
        for (var i = 0; i < masters.Length; i++)
        {
            if ((long)acknowledged[i] < required)
            {
                throw new ReplicaAcknowledgementException(string.Create(CultureInfo.InvariantCulture,
                    $"Redis master {masters[i].EndPoint}: {(long)acknowledged[i]} of the {required} replicas required ({TrainerOptions.Section}:{nameof(TrainerOptions.ReplicaAcks)}) acknowledged the commit within {timeout} ms"));
            }
        }
    }

    // The masters that serve slots, as this connection last learnt the cluster's layout (StackExchange.Redis reads it
    // again after a lost connection or a MOVED reply); not a cluster: every server that is not a replica.
    private IServer[] Masters()
    {
        var servers = redis.GetServers();
        var cluster = servers.OrderByDescending(s => s.IsConnected).Select(s => s.ClusterConfiguration).FirstOrDefault(c => c is not null);
        return cluster is null
            ? servers.Where(s => !s.IsReplica).ToArray()
            : cluster.Nodes.Where(n => !n.IsReplica && n.Slots.Count > 0 && n.EndPoint is not null).Select(n => redis.GetServer(n.EndPoint!)).ToArray();
    }
}
