using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;
using static OrleansTrainer.RecoveryBench.Progress;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// The benchmark's second job: the same spec as the reference, trained while no client calls it, through
/// <c>kills</c> SIGKILLs of the trainer's silo (a new silo joins after each) and then a whole-cluster restart
/// (every silo SIGKILLed, one started). Prints one <c>recovery_no_client</c> line per fault, a summary, and the
/// comparison with the uninterrupted reference run.
/// </summary>
internal static class UnwatchedPhase
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Runs the phase; true when the job completed every round with the reference's weights, bit for bit.</summary>
    public static async Task<bool> RunAsync(TrainerClient client, LocalTrainerCluster cluster, ClusterLog log, JobSpec spec, string reference,
        int kills, double settleSeconds)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var rounds = new CommittedRounds(redis.GetDatabase(), cluster.ServiceId, spec.Name);
        var trials = new UnwatchedTrials(cluster, rounds, log);
        await client.StartJobAsync(spec);

        var faults = kills + 1;
        var recoveries = new List<UnwatchedRecovery>();
        for (var k = 1; k <= faults; k++)
        {
            await rounds.UntilMoreThanAsync((long)k * spec.MaxRounds / (faults + 1), Patience);
            var recovery = k <= kills ? await trials.KillTrainerSiloAsync(client, spec.Name, k) : await trials.RestartClusterAsync(k);
            Say($"{recovery.Fault} {k}, no client calling: the next round {recovery.AfterReady:F3} s after a live silo was ready " +
                $"({recovery.FirstRound:F3} s after the kill)");
            recoveries.Add(recovery);
            if (k <= kills)
            {
                await cluster.AddSiloAsync();
                await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
            }
        }

        // The first client's gateways all died with the restart; a new one finds the new silo's.
        await using var after = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        var final = await new JobPolling(after, spec.Name).UntilFinishedAsync(TimeSpan.FromMinutes(10));
        var timeline = new CommitTimeline(await JobMetrics.ReadAsync(after, spec.Name), final.StartedAt!.Value);
        foreach (var r in recoveries)
        {
            r.ToJson(timeline.FirstCommitAfter(r.KilledAt)).Print();
        }

        var killed = recoveries.Where(r => r.Fault == "trainer-silo-kill").ToList();
        var restart = recoveries.Single(r => r.Fault == "whole-cluster-restart");
        new JsonLine("recovery_no_client_summary").With("unit", "s")
            .With("trainer_silo_kill_median_s", killed.Count > 0 ? Stats.Median(killed.Select(r => r.AfterReady)) : double.NaN)
            .With("trainer_silo_kills_s", killed.Select(r => Math.Round(r.AfterReady, 4)).ToArray())
            .With("restart_after_ready_s", restart.AfterReady).With("restart_after_silo_started_s", restart.FirstRound - restart.Started)
            .With("restart_silo_started_after_kill_s", restart.Started).With("restart_silo_ready_after_kill_s", restart.Ready)
            .With("restart_after_kill_s", restart.FirstRound).With("goal_s", 5).Print();
        new JsonLine("interrupted_job_end").With("job", spec.Name).With("status", final.Status.ToString()).With("round", final.Round)
            .With("max_rounds", spec.MaxRounds).With("reason", final.Reason).Print();

        var (identical, comparison) = await RunComparison.CompareAsync(after, spec.Name, reference);
        comparison.With("interrupted_job", spec.Name).Print();
        return identical && final.Status == JobStatus.Completed && final.Round == spec.MaxRounds;
    }
}
