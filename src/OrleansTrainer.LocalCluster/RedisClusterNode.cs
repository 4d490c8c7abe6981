using System.Globalization;

namespace OrleansTrainer.LocalCluster;

/// <summary>One node of a Redis Cluster as a line of <c>CLUSTER NODES</c> describes it.</summary>
/// <param name="Id">The node id.</param>
/// <param name="Port">Its port on 127.0.0.1.</param>
/// <param name="IsMaster">Whether it is a master.</param>
/// <param name="IsFailed">Whether the cluster counts it failed (<c>fail</c>).</param>
/// <param name="MasterId">The id of its master, for a replica; null for a master.</param>
public sealed record RedisClusterNode(string Id, int Port, bool IsMaster, bool IsFailed, string? MasterId)
{
    /// <summary>Reads a line: <c>id ip:port@bus flags master ping pong epoch link slots...</c>.</summary>
    public static RedisClusterNode Parse(string line)
    {
        var fields = line.Split(' ');
        var address = fields[1].Split('@')[0];
        var flags = fields[2].Split(',');
        return new RedisClusterNode(fields[0], int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture),
            flags.Contains("master"), flags.Contains("fail"), fields[3] == "-" ? null : fields[3]);
    }
}
