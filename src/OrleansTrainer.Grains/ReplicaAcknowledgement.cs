using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Makes a commit wait until <see cref="TrainerOptions.ReplicaAcks"/> replicas of every Redis master hold the writes
/// this silo sent before it (<c>WAIT</c>, which counts the writes of the connection it is sent on: this silo's one
/// connection per master, shared by its grain storage and its own keys). Does nothing when the option is 0.
/// </summary>
public sealed class ReplicaAcknowledgement(IConnectionMultiplexer redis, IOptions<TrainerOptions> options)
{
    /// <summary>Waits for the replicas of every connected master.</summary>
    /// <exception cref="ReplicaAcknowledgementException">A master's replicas did not acknowledge within the timeout.</exception>
    public async Task WaitAsync()
    {
        var required = options.Value.ReplicaAcks;
        if (required == 0)
        {
            return;
        }

        var timeout = (long)options.Value.ReplicaAckTimeout.TotalMilliseconds;
        var masters = redis.GetServers().Where(server => !server.IsReplica && server.IsConnected).ToArray();
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
}
