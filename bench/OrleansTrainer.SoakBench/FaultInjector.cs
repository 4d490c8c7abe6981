using System.Diagnostics;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.RecoveryBench;
using static OrleansTrainer.RecoveryBench.Progress;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// Injects the soak's faults until a deadline: every <see cref="SoakOptions.KillSeconds"/> a SIGKILL of a random silo
/// (never the first, the witness whose memory is followed over the whole run), which is replaced at once by a new silo
/// process; and two Redis restarts on the same data folder, graceful (SIGTERM) at 30 % of the run and a crash (SIGKILL:
/// up to a second of append-only writes may be lost) at 55 %.
/// </summary>
internal sealed class FaultInjector(LocalTrainerCluster cluster, FaultLog faults, ClusterLog log, SoakOptions options)
{
    private static readonly TimeSpan RedisDowntime = TimeSpan.FromSeconds(3);
    private readonly Random _random = new(2026);

    /// <summary>Injects faults from <paramref name="start"/> until <paramref name="until"/>.</summary>
    public async Task RunAsync(DateTimeOffset start, DateTimeOffset until)
    {
        var duration = until - start;
        var redisRestarts = new Queue<(DateTimeOffset At, bool Graceful)>([(start + 0.30 * duration, true), (start + 0.55 * duration, false)]);
        var nextKill = start + TimeSpan.FromSeconds(options.KillSeconds);
        while (true)
        {
            var redisNext = redisRestarts.Count > 0 ? redisRestarts.Peek().At : DateTimeOffset.MaxValue;
            var next = redisNext < nextKill ? redisNext : nextKill;
            if (next >= until)
            {
                return;
            }

            await Task.Delay(next - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            if (next == redisNext)
            {
                await RestartRedisAsync(redisRestarts.Dequeue().Graceful);
            }
            else
            {
                await KillSiloAsync();
                nextKill += TimeSpan.FromSeconds(options.KillSeconds);
            }
        }
    }

    private async Task KillSiloAsync()
    {
        var candidates = cluster.Silos.Skip(1).Where(s => !s.HasExited).ToArray();
        var victim = candidates[_random.Next(candidates.Length)];
        var clock = Stopwatch.StartNew();
        Sigkill.Send(victim.ProcessId);
        var fault = faults.Add("silo-kill", victim.Name, DateTimeOffset.UtcNow);
        log.Mark($"fault {fault.Index}: SIGKILL {victim.Name} (pid {victim.ProcessId})");
        await victim.KillAsync();
        var replacement = await cluster.AddSiloAsync();
        faults.Restored(fault, clock.Elapsed.TotalSeconds);
        log.Mark($"fault {fault.Index}: {replacement.Name} joined after {clock.Elapsed.TotalSeconds:F1} s");
        Say($"fault {fault.Index}: SIGKILL {victim.Name}; {replacement.Name} joined after {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task RestartRedisAsync(bool graceful)
    {
        var kind = graceful ? "redis-restart-graceful" : "redis-restart-kill";
        log.Mark($"fault: {kind} ...");
        await cluster.Redis.StopAsync(graceful);

        // The fault's moment is when the process has exited: until then (a graceful shutdown, or the signal's own
        // start-up under load) rounds still commit, and a resume measured from the request would count one of them.
        var clock = Stopwatch.StartNew();
        var fault = faults.Add(kind, "redis", DateTimeOffset.UtcNow);
        log.Mark($"fault {fault.Index}: {kind}: redis-server has exited");
        await Task.Delay(RedisDowntime);
        await cluster.Redis.StartAgainAsync();
        faults.Restored(fault, clock.Elapsed.TotalSeconds);
        log.Mark($"fault {fault.Index}: Redis accepts connections again after {clock.Elapsed.TotalSeconds:F1} s");
        Say($"fault {fault.Index}: {kind}; Redis back after {clock.Elapsed.TotalSeconds:F1} s");
    }
}
