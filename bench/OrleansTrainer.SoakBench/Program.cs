using System.Collections.Concurrent;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.RecoveryBench;
using OrleansTrainer.SoakBench;
using StackExchange.Redis;
using static OrleansTrainer.RecoveryBench.Progress;

// Soak: for a bounded time, a local cluster of 3 silo processes + Redis (append-only) runs a stream of small jobs of
// every solver family, several at once, while a random silo is SIGKILLed and replaced every few minutes and Redis is
// restarted twice (gracefully, then as a crash). Every job must end with the weights of its template's uninterrupted
// run (made first, before any fault), bit for bit. Reports resume times after each fault, silo and Redis memory over
// time, and the Redis keys left once every job and dataset has been deleted through the client. Results are JSON lines
// on stdout; progress goes to stderr.
JsonLine.ClaimStdout();
SoakOptions options;
try
{
    options = SoakOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"{ex.Message}\nusage: OrleansTrainer.SoakBench [--minutes 30] [--concurrency 4] [--kill-seconds 120] [--sample-seconds 15] [--log FILE] [--memory-csv FILE]");
    return 2;
}

using var log = new ClusterLog(options.LogPath);
Say("starting redis-server (append-only) and 3 silo processes ...");
await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3, log.Echo);
await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString + ",allowAdmin=true,abortConnect=false");
MembershipSettings.Read().Print();
new JsonLine("soak_settings").With("minutes", options.Minutes).With("concurrency", options.Concurrency).With("kill_every_s", options.KillSeconds)
    .With("sample_every_s", options.SampleSeconds).With("templates", SoakTemplates.All.Select(t => t.Label).ToArray())
    .With("processor_count", Environment.ProcessorCount).Print();
(await RedisKeys.DescribeAsync(redis, "redis_keys_before_any_dataset", cluster.ClusterId)).Line.Print();

var sampler = new MemorySampler(cluster, redis, options.MemoryCsvPath);
using var stopSampling = new CancellationTokenSource();
var sampling = sampler.RunAsync(TimeSpan.FromSeconds(options.SampleSeconds), stopSampling.Token);

Say("ingesting 4 datasets ...");
await SoakDatasets.IngestAsync(client);

var faults = new FaultLog();
var run = new JobRun(client, faults);
Say($"uninterrupted reference run of each of {SoakTemplates.All.Count} templates ...");
var references = new ConcurrentDictionary<string, double[]>();
await Parallel.ForEachAsync(SoakTemplates.All, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (template, _) =>
{
    var (outcome, coefficients) = await run.RunAsync(template, $"ref-{template.Label}", null);
    new JsonLine("reference_run").With("template", template.Label).With("solver", template.Solver).With("status", outcome.Status.ToString())
        .With("rounds", outcome.Rounds).With("seconds", outcome.Seconds).With("error", outcome.Error).Print();
    references[template.Label] = coefficients ?? throw new InvalidOperationException($"The reference run of {template.Label} did not complete: {outcome.Error}");
});

var soakStart = DateTimeOffset.UtcNow;
var until = soakStart + options.Duration;
Say($"soak: {options.Concurrency} jobs at a time for {options.Minutes} min; a silo killed every {options.KillSeconds} s; Redis restarted at 30 % and 55 % ...");
var stream = new JobStream(run, SoakTemplates.All, references);
await Task.WhenAll(stream.RunAsync(options.Concurrency, until), new FaultInjector(cluster, faults, log, options).RunAsync(soakStart, until));
var soakEnd = DateTimeOffset.UtcNow;
await stopSampling.CancelAsync();
await sampling;

var summary = new SoakSummary([.. stream.Outcomes], faults.Events, SoakTemplates.All);
foreach (var line in summary.PerTemplate().Concat(summary.PerFault(soakStart)))
{
    line.Print();
}

summary.Totals(stream.Started, soakEnd - soakStart).Print();

// The steady part: after the last Redis restart (55 %) and a settling tenth of the run.
var steadyFrom = soakStart + 0.65 * options.Duration;
foreach (var series in sampler.Samples.GroupBy(s => s.Series).Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    MemoryTrend.Of(series.Key, [.. series], soakStart, steadyFrom).Print();
}

(await RedisKeys.DescribeAsync(redis, "redis_keys_before_cleanup", cluster.ClusterId)).Line.Print();
Say("deleting every job and dataset through the client ...");
var (jobs, datasets) = await Cleanup.DeleteEverythingAsync(client);
new JsonLine("cleanup").With("jobs_deleted", jobs).With("datasets_deleted", datasets).Print();
await Task.Delay(TimeSpan.FromSeconds(5));
var (keysLeft, keysLine) = await RedisKeys.DescribeAsync(redis, "redis_keys_left", cluster.ClusterId);
keysLine.Print();
Say($"{keysLeft} keys left; again in a minute (reminders, leases) ...");
await Task.Delay(TimeSpan.FromSeconds(65));
(await RedisKeys.DescribeAsync(redis, "redis_keys_left_after_a_minute", cluster.ClusterId)).Line.Print();
var after = await sampler.SampleAsync();
new JsonLine("memory_after_cleanup").With("values", after.ToDictionary(s => s.Series, s => Math.Round(s.Value, 2))).Print();
Say("done");
return summary.AllGood ? 0 : 1;
