using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.RecoveryBench;
using static OrleansTrainer.RecoveryBench.Progress;

// Recovery time after SIGKILL of a silo, from the kill to the job's next committed round (the first round started
// after the kill), median of 5 kills: a local cluster of 3 silo processes + Redis runs one long full-batch job; the
// kills alternate between the silo hosting the trainer and another one; after each recovery a new silo restores the
// cluster to 3. The job must then complete with the weights of an uninterrupted run of the same spec. Results are
// JSON lines on stdout; progress goes to stderr. A second job of the same spec then recovers with no client calling
// it: the trainer's silo SIGKILLed (--unwatched-kills times), then every silo at once and one started again; each is
// timed from a live silo being ready to the next committed round, seen in Redis (issue 16: at most 5 s).
JsonLine.ClaimStdout();
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{ex.Message}\nusage: OrleansTrainer.RecoveryBench [--kills 5] [--unwatched-kills 3] [--phase-seconds 10] [--settle-seconds 3] [--rows 50000] [--cols 20] [--shards 6] [--log FILE]");
    return 2;
}

const string Dataset = "recovery";
using var log = new ClusterLog(options.LogPath);
Say("starting redis-server and 3 silo processes ...");
await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3, log.Echo);
await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
MembershipSettings.Read().Print();

Say($"ingesting {options.Rows} x {options.Cols} into {options.Shards} shards ...");
await SyntheticDataset.IngestAsync(client, Dataset, options.Rows, options.Cols, options.Shards);

// The first thousand rounds of a fresh cluster run 3-4x slower (the silos' code is still being JIT-compiled and
// re-tiered); the normal interval is the median over the calibration job's second half.
Say("measuring the normal round interval (uninterrupted calibration job) ...");
const int CalibrationRounds = 2000;
await client.StartJobAsync(RecoveryJob.Spec("calibration", Dataset, CalibrationRounds));
await new JobPolling(client, "calibration").UntilFinishedAsync(TimeSpan.FromMinutes(5));
var calibration = await JobMetrics.ReadAsync(client, "calibration");
var intervalMs = JobMetrics.MedianIntervalMs(calibration, skip: CalibrationRounds / 2);
new JsonLine("normal_round_interval").With("value", intervalMs).With("unit", "ms").With("job", "calibration")
    .With("rounds_measured", CalibrationRounds / 2).With("trainer_round_ms", JobMetrics.MedianRoundMs(calibration, skip: CalibrationRounds / 2))
    .With("first_100_rounds_interval_ms", JobMetrics.MedianIntervalMs([.. calibration.Take(100)])).Print();

// Phases of the longer of the two jobs: the watched one's kills, or the unwatched one's kills and its restart.
var phases = Math.Max(options.Kills, options.UnwatchedKills + 1) + 1;
var maxRounds = Math.Max(100 * phases, (int)Math.Ceiling(phases * options.PhaseSeconds * 1000 / intervalMs));
var spec = RecoveryJob.Spec("crash", Dataset, maxRounds);
Say($"job crash: {maxRounds} rounds; a kill every ~{options.PhaseSeconds} s of rounds ...");
await client.StartJobAsync(spec);
var polling = new JobPolling(client, spec.Name);
var trial = new RecoveryTrial(client, cluster, polling, spec.Name, log);
var recoveries = new List<Recovery>();
for (var k = 1; k <= options.Kills; k++)
{
    var target = (long)k * maxRounds / (options.Kills + 1);
    var (before, _) = await polling.UntilRoundAsync(target, TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(5));
    if (before.IsFinished)
    {
        throw new InvalidOperationException($"Job {spec.Name} ended ({before.Status}, round {before.Round}) before kill {k}; raise --phase-seconds.");
    }

    var recovery = await trial.RunAsync(k, trainerSilo: k % 2 == 1);
    recovery.ToJson().Print();
    recoveries.Add(recovery);
    Say($"kill {k} ({recovery.Victim}, trainer silo: {recovery.TrainerSilo}): next round after {recovery.Seconds:F3} s; adding a silo ...");
    await cluster.AddSiloAsync();
    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
}

Say("waiting for the job to complete ...");
var final = await polling.UntilFinishedAsync(TimeSpan.FromMinutes(10));
var crashMetrics = await JobMetrics.ReadAsync(client, spec.Name);
var timeline = new CommitTimeline(crashMetrics, final.StartedAt!.Value);
foreach (var r in recoveries)
{
    var (seconds, round) = timeline.FirstRoundStartedAfter(r.KilledAt);
    new JsonLine("recovery_trainer_view").With("value", seconds).With("unit", "s").With("kill", r.Index)
        .With("trainer_silo_killed", r.TrainerSilo).With("first_round_started_after_kill", round)
        .With("longest_commit_pause_s", timeline.LongestPauseAround(r.RoundAtKill)).Print();
}

new JsonLine("recovery_after_sigkill_median").With("value", Stats.Median(recoveries.Select(r => r.Seconds))).With("unit", "s")
    .With("kills", recoveries.Count).With("recoveries_s", recoveries.Select(r => Math.Round(r.Seconds, 4)).ToArray())
    .With("trainer_silo_killed", recoveries.Select(r => r.TrainerSilo).ToArray())
    .With("median_trainer_silo_s", Stats.Median(recoveries.Where(r => r.TrainerSilo).Select(r => r.Seconds)))
    .With("median_other_silo_s", Stats.Median(recoveries.Where(r => !r.TrainerSilo).Select(r => r.Seconds)))
    .With("median_first_advance_s", Stats.Median(recoveries.Select(r => r.FirstAdvanceSeconds)))
    .With("median_trainer_view_s", Stats.Median(recoveries.Select(r => timeline.FirstRoundStartedAfter(r.KilledAt).Seconds)))
    .With("median_longest_commit_pause_s", Stats.Median(recoveries.Select(r => timeline.LongestPauseAround(r.RoundAtKill))))
    .With("normal_round_interval_ms", intervalMs).With("interrupted_job_median_interval_ms", JobMetrics.MedianIntervalMs(crashMetrics)).With("silos", 3).With("shards", options.Shards)
    .With("rows", options.Rows).With("cols", options.Cols).With("weight_blocks", spec.WeightBlocks).Print();
new JsonLine("interrupted_job_end").With("status", final.Status.ToString()).With("round", final.Round)
    .With("max_rounds", maxRounds).With("reason", final.Reason).Print();

Say($"uninterrupted reference run of the same spec ({maxRounds} rounds) ...");
await client.StartJobAsync(RecoveryJob.Spec("reference", Dataset, maxRounds));
var reference = await new JobPolling(client, "reference").UntilFinishedAsync(TimeSpan.FromMinutes(10));
var referenceMetrics = await JobMetrics.ReadAsync(client, "reference");
new JsonLine("normal_round_interval").With("value", JobMetrics.MedianIntervalMs(referenceMetrics)).With("unit", "ms").With("job", "reference")
    .With("rounds_measured", referenceMetrics.Count - 5).With("trainer_round_ms", JobMetrics.MedianRoundMs(referenceMetrics)).Print();
var (identical, comparison) = await RunComparison.CompareAsync(client, spec.Name, "reference");
comparison.With("interrupted_status", final.Status.ToString()).With("reference_status", reference.Status.ToString()).Print();

Say($"job unwatched: the same spec, no client calling it, {options.UnwatchedKills} kills of the trainer's silo and a whole-cluster restart ...");
var unwatchedIdentical = await UnwatchedPhase.RunAsync(client, cluster, log, spec with { Name = "unwatched" }, "reference",
    options.UnwatchedKills, options.SettleSeconds);
Say("done");
return identical && unwatchedIdentical && final.Status == OrleansTrainer.Abstractions.JobStatus.Completed && final.Round == maxRounds ? 0 : 1;
