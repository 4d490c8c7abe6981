using System.Globalization;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// Reads, every few seconds, each live silo's resident memory (<c>VmRSS</c> of /proc/PID/status), Redis'
/// <c>used_memory</c>, <c>used_memory_rss</c> and key count (<c>INFO memory</c>, <c>DBSIZE</c>) and the soak client's own
/// working set; a reading that fails (Redis restarting, a silo just killed) is skipped.
/// </summary>
internal sealed class MemorySampler(LocalTrainerCluster cluster, IConnectionMultiplexer redis, string? csvPath)
{
    private readonly List<MemorySample> _samples = [];

    /// <summary>Every reading so far.</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Samples every <paramref name="every"/> until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan every, CancellationToken stop)
    {
        await using var csv = csvPath is null ? null : new StreamWriter(csvPath, append: false) { AutoFlush = true };
        if (csv is not null)
        {
            await csv.WriteLineAsync("utc,series,value");
        }

        while (!stop.IsCancellationRequested)
        {
            foreach (var sample in await SampleAsync())
            {
                lock (_samples)
                {
                    _samples.Add(sample);
                }

                if (csv is not null)
                {
                    await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{sample.At:O},{sample.Series},{sample.Value:F3}"));
                }
            }

            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One reading of everything.</summary>
    public async Task<List<MemorySample>> SampleAsync()
    {
        var at = DateTimeOffset.UtcNow;
        var samples = new List<MemorySample>();
        foreach (var silo in cluster.Silos.Where(s => !s.HasExited))
        {
            if (ResidentMegabytes(silo.ProcessId) is { } rss)
            {
                samples.Add(new MemorySample(at, $"{silo.Name} rss", rss));
            }
        }

        samples.Add(new MemorySample(at, "client rss", Environment.WorkingSet / 1048576.0));
        try
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var info = (await server.InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            samples.Add(new MemorySample(at, "redis used_memory", double.Parse(info["used_memory"], CultureInfo.InvariantCulture) / 1048576.0));
            samples.Add(new MemorySample(at, "redis rss", double.Parse(info["used_memory_rss"], CultureInfo.InvariantCulture) / 1048576.0));
            samples.Add(new MemorySample(at, "redis keys", await server.DatabaseSizeAsync()));
        }
        catch (RedisException)
        {
            // Redis is restarting; its reading is skipped this time.
        }

        return samples;
    }

    // VmRSS of /proc/PID/status, MB; null if the process is gone.
    private static double? ResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
