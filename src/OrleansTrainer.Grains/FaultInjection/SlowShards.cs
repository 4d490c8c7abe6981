using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OrleansTrainer.Grains;

/// <summary>
/// Fault injection for tests and benchmarks, not part of any job's contract: shards made slow on purpose, by job name. A
/// silo starts with the delays of <see cref="SlowShardOptions"/> (configuration section
/// <c>OrleansTrainer:FaultInjection</c>, empty in production); an in-process test cluster adds more at run time.
/// </summary>
public sealed class SlowShards(IOptions<SlowShardOptions> options)
{
    private readonly ConcurrentDictionary<string, SlowShard> _byJob = new(options.Value.SlowShards, StringComparer.Ordinal);

    /// <summary>Makes shard <paramref name="shard"/> of every round of job <paramref name="job"/> take <paramref name="milliseconds"/> longer.</summary>
    public void Set(string job, int shard, double milliseconds) => _byJob[job] = new SlowShard { Shard = shard, Milliseconds = milliseconds };

    /// <summary>The extra time shard <paramref name="shard"/> spends on a round of job <paramref name="job"/>.</summary>
    public Task DelayAsync(string job, int shard) =>
        _byJob.TryGetValue(job, out var slow) && slow.Shard == shard && slow.Milliseconds > 0
            ? Task.Delay(TimeSpan.FromMilliseconds(slow.Milliseconds))
            : Task.CompletedTask;
}

/// <summary>The shards a silo makes slow from its start (<see cref="SlowShards"/>), bound from <c>OrleansTrainer:FaultInjection</c>.</summary>
public sealed class SlowShardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OrleansTrainer:FaultInjection";

    /// <summary>By job name: the shard made slow and by how much.</summary>
    public Dictionary<string, SlowShard> SlowShards { get; init; } = [];
}

/// <summary>One shard made slow on purpose.</summary>
public sealed class SlowShard
{
    /// <summary>The shard's index in its dataset.</summary>
    public int Shard { get; init; }

    /// <summary>The extra time it spends on each round, milliseconds.</summary>
    public double Milliseconds { get; init; }
}
