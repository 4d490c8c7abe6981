using System.Diagnostics;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// Faults timed while no client calls the job (issue 16, item 4): only the silos themselves can bring the trainer back.
/// Rounds are seen in Redis (<see cref="CommittedRounds"/>), never through a grain.
/// </summary>
internal sealed class UnwatchedTrials(LocalTrainerCluster cluster, CommittedRounds rounds, ClusterLog log)
{
    /// <summary>Far past the watchdog reminder's minute: a recovery that needs the reminder is still timed, not lost.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>
    /// SIGKILLs the silo hosting the trainer (found with one management call before the kill) and times the first round
    /// committed after it; the other silos stay up, so a live silo is ready at the kill.
    /// </summary>
    public async Task<UnwatchedRecovery> KillTrainerSiloAsync(TrainerClient client, string job, int index)
    {
        var victim = await TrainerPlacement.SiloOfAsync(client, cluster, job);
        var killedAtUtc = DateTimeOffset.UtcNow;
        var killedAt = Stopwatch.GetTimestamp();
        Sigkill.Send(victim.ProcessId);
        await victim.KillAsync(); // reaps it: nothing it sent can commit after the count below
        var atKill = await rounds.CountAsync();
        log.Mark($"SIGKILL {victim.Name} (the trainer's silo, no client calling) at {atKill} committed rounds");

        var seen = await rounds.UntilMoreThanAsync(atKill, Patience);
        var seconds = Stopwatch.GetElapsedTime(killedAt, seen).TotalSeconds;
        log.Mark($"round {atKill + 1} committed {seconds:F3} s after the kill");
        return new UnwatchedRecovery("trainer-silo-kill", index, killedAtUtc, atKill, 0, 0, seconds);
    }

    /// <summary>
    /// SIGKILLs every silo at once, starts one new silo, and times its start (the gateway accepts connections), its
    /// readiness (<c>/health/ready</c>: it has joined the cluster) and the first round committed after the kill: the
    /// whole-cluster restart of a power cut or a rollout gone wrong.
    /// </summary>
    public async Task<UnwatchedRecovery> RestartClusterAsync(int index)
    {
        var live = cluster.Silos.Where(p => !p.HasExited).ToList();
        var killedAtUtc = DateTimeOffset.UtcNow;
        var killedAt = Stopwatch.GetTimestamp();
        foreach (var victim in live)
        {
            Sigkill.Send(victim.ProcessId);
        }

        await Task.WhenAll(live.Select(p => p.KillAsync()));
        var atKill = await rounds.CountAsync();
        log.Mark($"SIGKILL every silo ({string.Join(", ", live.Select(p => p.Name))}) at {atKill} committed rounds; starting one");

        var silo = await cluster.AddSiloAsync();
        var startedAt = Stopwatch.GetTimestamp();
        var committed = rounds.UntilMoreThanAsync(atKill, Patience);
        var readyAt = await SiloReadiness.UntilReadyAsync(silo, Patience);
        var seen = await committed;
        double Since(long at) => Stopwatch.GetElapsedTime(killedAt, at).TotalSeconds;
        log.Mark($"{silo.Name} started {Since(startedAt):F3} s, ready {Since(readyAt):F3} s, round {atKill + 1} committed {Since(seen):F3} s after the kill");
        return new UnwatchedRecovery("whole-cluster-restart", index, killedAtUtc, atKill, Since(startedAt), Since(readyAt), Since(seen));
    }
}
