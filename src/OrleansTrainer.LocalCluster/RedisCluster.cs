using System.Globalization;
using OrleansTrainer.Redis;

namespace OrleansTrainer.LocalCluster;

/// <summary>
/// A Redis Cluster on loopback: redis-server processes with <c>--cluster-enabled yes</c> (append-only file on), each in
/// a temporary folder removed on dispose, joined by <c>redis-cli --cluster create</c> into masters with replicas. A
/// master can be killed as a crash would (<see cref="KillAsync"/>); its replica is promoted after the node timeout.
/// </summary>
public sealed class RedisCluster : ILocalRedis
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly string _executable;
    private readonly int[] _ports;
    private readonly string[] _directories;
    private readonly ChildProcess?[] _processes;
    private readonly int _masters;
    private readonly Action<string>? _echo;

    private RedisCluster(string executable, int[] ports, string[] directories, int masters, TimeSpan nodeTimeout, Action<string>? echo)
    {
        _echo = echo;
        _masters = masters;
        _executable = executable;
        _ports = ports;
        _directories = directories;
        _processes = new ChildProcess?[ports.Length];
        NodeTimeout = nodeTimeout;
    }

    /// <summary>The nodes' ports (127.0.0.1), masters and replicas alike.</summary>
    public IReadOnlyList<int> Ports => _ports;

    /// <summary>How long a node may be unreachable before the others count it failed and promote its replica.</summary>
    public TimeSpan NodeTimeout { get; }

    /// <summary>The StackExchange.Redis configuration string: every node, so a client finds the cluster with any of them down.</summary>
    public string ConnectionString => string.Join(',', _ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{p}")));

    /// <inheritdoc />
    public RedisTlsOptions Tls => new();

    /// <summary>
    /// Starts <paramref name="masters"/> × (1 + <paramref name="replicasPerMaster"/>) nodes, creates the cluster, and waits
    /// until every node says <c>cluster_state:ok</c> and every master's replicas are in sync.
    /// </summary>
    /// <exception cref="FileNotFoundException">No redis-server binary was found.</exception>
    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicasPerMaster = 1, TimeSpan? nodeTimeout = null,
        Action<string>? echo = null, CancellationToken cancellationToken = default)
    {
        var count = masters * (1 + replicasPerMaster);
        var ports = FreePort.Distinct(count);
        var directories = ports.Select(_ => Directory.CreateTempSubdirectory("otrain-redis-cluster-").FullName).ToArray();
        var cluster = new RedisCluster(RedisServer.FindExecutable(), ports, directories, masters, nodeTimeout ?? TimeSpan.FromSeconds(2), echo);
        try
        {
            for (var i = 0; i < count; i++)
            {
                await cluster.LaunchAsync(i, cancellationToken);
            }

            await RedisCli.RunAsync(cluster._executable,
            [
                "--cluster", "create", .. ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{p}")),
                "--cluster-replicas", replicasPerMaster.ToString(CultureInfo.InvariantCulture), "--cluster-yes",
            ], cancellationToken);
            await WaitUntilAsync(async () => await cluster.IsOkAsync(cancellationToken) && await cluster.ReplicasInSyncAsync(replicasPerMaster, cancellationToken),
                "every node in cluster_state:ok with its replicas in sync", cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The nodes as a live node sees them (<c>CLUSTER NODES</c>).</summary>
    public async Task<IReadOnlyList<RedisClusterNode>> NodesAsync(CancellationToken cancellationToken = default)
    {
        var live = Enumerable.Range(0, _ports.Length).First(i => _processes[i] is { HasExited: false });
        var text = await CliAsync(_ports[live], ["cluster", "nodes"], cancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(RedisClusterNode.Parse).ToArray();
    }

    /// <summary>
    /// Starts the killed node on <paramref name="port"/> again on its data folder, as a restarted pod would: it rejoins
    /// the cluster (its nodes.conf) and, if its replica took over meanwhile, becomes that master's replica.
    /// </summary>
    public Task StartAgainAsync(int port, CancellationToken cancellationToken = default) =>
        LaunchAsync(Array.IndexOf(_ports, port), cancellationToken);

    /// <summary>Ends the node on <paramref name="port"/> at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync(int port)
    {
        var i = Array.IndexOf(_ports, port);
        if (_processes[i] is { } process)
        {
            await process.KillAsync();
            await process.DisposeAsync();
            _processes[i] = null;
        }
    }

    /// <summary>
    /// Waits until the cluster has counted the node on <paramref name="port"/> failed, its slots are served by a master
    /// again (its replica, promoted) and every live node says <c>cluster_state:ok</c>.
    /// </summary>
    /// <exception cref="TimeoutException">Not within a minute.</exception>
    public Task WaitForFailoverAsync(int port, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(async () =>
        {
            var nodes = await NodesAsync(cancellationToken);
            return nodes.Any(n => n.Port == port && n.IsFailed)
                   && nodes.Count(n => n.IsMaster && !n.IsFailed) == _masters
                   && await IsOkAsync(cancellationToken);
        }, $"a failover of the node on port {port}", cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.OfType<ChildProcess>())
        {
            await process.DisposeAsync();
        }

        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still being closed by a dying node; the temporary folder is left for the OS to clean.
            }
        }
    }

    private async Task<bool> IsOkAsync(CancellationToken cancellationToken)
    {
        foreach (var i in LiveNodes())
        {
            if (!(await CliAsync(_ports[i], ["cluster", "info"], cancellationToken)).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> ReplicasInSyncAsync(int replicasPerMaster, CancellationToken cancellationToken)
    {
        foreach (var i in LiveNodes())
        {
            var replication = await CliAsync(_ports[i], ["info", "replication"], cancellationToken);
            if (replication.Contains("role:master", StringComparison.Ordinal)
                && replication.Split('\n').Count(line => line.StartsWith("slave", StringComparison.Ordinal) && line.Contains("state=online", StringComparison.Ordinal)) < replicasPerMaster)
            {
                return false;
            }
        }

        return true;
    }

    private async Task LaunchAsync(int i, CancellationToken cancellationToken) =>
        _processes[i] = await RedisServer.LaunchAsync(_executable, _ports[i], _directories[i], null, _echo, cancellationToken,
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", ((long)NodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));

    private IEnumerable<int> LiveNodes() => Enumerable.Range(0, _ports.Length).Where(i => _processes[i] is { HasExited: false });

    private Task<string> CliAsync(int port, string[] command, CancellationToken cancellationToken) =>
        RedisCli.RunAsync(_executable, ["-p", port.ToString(CultureInfo.InvariantCulture), .. command], cancellationToken);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The Redis Cluster did not reach {what} within {ReadyTimeout.TotalSeconds:0} s.");
            }
        }
    }
}
