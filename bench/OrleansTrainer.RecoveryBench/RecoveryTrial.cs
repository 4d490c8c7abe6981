using System.Diagnostics;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.RecoveryBench;

/// <summary>Kills one silo of a running job's cluster with SIGKILL and times how long until the job commits a round started after the kill.</summary>
internal sealed class RecoveryTrial(TrainerClient client, LocalTrainerCluster cluster, JobPolling polling, string job, ClusterLog log)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Recoveries longer than this print the surviving silos' last log lines to stderr.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(10);

    /// <summary>Kills the trainer's silo (<paramref name="trainerSilo"/>) or another one, and waits for two more committed rounds.</summary>
    public async Task<Recovery> RunAsync(int index, bool trainerSilo)
    {
        var trainer = await TrainerPlacement.SiloOfAsync(client, cluster, job);
        var victim = trainerSilo ? trainer : TrainerPlacement.OtherThan(cluster, trainer);
        polling.Failures.Clear();
        var before = await polling.StatusAsync(Poll, Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency);

        var killedAt = Stopwatch.GetTimestamp();
        var killedAtUtc = DateTimeOffset.UtcNow;
        Sigkill.Send(victim.ProcessId);
        log.Mark($"SIGKILL {victim.Name} (trainer silo: {trainerSilo}) at round {before.Round}");

        var (first, firstAt) = await polling.UntilRoundAsync(before.Round + 1, Poll, Patience);
        var (second, secondAt) = await polling.UntilRoundAsync(before.Round + 2, Poll, Patience);
        log.Mark($"rounds {first.Round} and {second.Round} seen committed after {Stopwatch.GetElapsedTime(killedAt, firstAt).TotalSeconds:F3} and {Stopwatch.GetElapsedTime(killedAt, secondAt).TotalSeconds:F3} s");
        if (second.IsFinished && second.Round < before.Round + 2)
        {
            throw new InvalidOperationException($"Job {job} ended {second.Status} at round {second.Round} after kill {index}: {second.Reason}");
        }

        await victim.KillAsync(); // reaps the process (and anything it started)
        var seconds = Stopwatch.GetElapsedTime(killedAt, secondAt).TotalSeconds;
        if (seconds > Stall.TotalSeconds)
        {
            PrintSurvivorLogs(index, seconds);
        }

        return new Recovery(index, trainerSilo, victim.Name, killedAtUtc, before.Round,
            Stopwatch.GetElapsedTime(killedAt, firstAt).TotalSeconds, seconds, new Dictionary<string, int>(polling.Failures),
            trainer.Name, await TrainerSiloNameAsync());
    }

    private async Task<string> TrainerSiloNameAsync()
    {
        try
        {
            return (await TrainerPlacement.SiloOfAsync(client, cluster, job)).Name;
        }
        catch (Exception ex)
        {
            return $"unknown ({ex.GetType().Name})";
        }
    }

    private void PrintSurvivorLogs(int index, double seconds)
    {
        Progress.Say($"kill {index}: recovery took {seconds:F1} s; the surviving silos' last lines:");
        foreach (var silo in cluster.Silos.Where(s => !s.HasExited))
        {
            Console.Error.WriteLine($"----- {silo.Name} -----");
            Console.Error.Write(silo.Tail());
        }
    }
}
