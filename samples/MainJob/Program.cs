using System.Diagnostics;
using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.MainJob;
using OrleansTrainer.Numerics;

// The main job: Redis + two silo processes on loopback, the diabetes data in 4 shards, distributed gradient descent,
// and the result next to the closed-form least-squares solution. Exit code 0 when they agree to 1e-6.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var dataPath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv");
const string Label = "progression";
var clock = Stopwatch.StartNew();
void Say(string message) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}");

Say("starting redis-server and 2 silo processes ...");
await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
Say($"redis on {cluster.Redis.ConnectionString}, silos {string.Join(", ", cluster.Silos.Select(s => $"{s.Name} (pid {s.ProcessId}, gateway {s.GatewayPort})"))}");
await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);

Say($"ingesting {dataPath} into 4 shards ...");
var dataset = await client.CreateDatasetFromCsvAsync("diabetes", dataPath, new CsvIngestOptions { LabelColumn = Label, ShardCount = 4 });
Say($"dataset \"diabetes\": {dataset.TotalRows} rows x {dataset.Schema.FeatureNames.Length} features, rows per shard [{string.Join(", ", dataset.ShardRows)}]");

var spec = new JobSpec
{
    Name = "diabetes-ols",
    Dataset = "diabetes",
    Model = ModelKind.LinearRegression,
    Solver = SolverKind.GradientDescent,
    LearningRate = 0.2,
    Momentum = 0.9,
    Nesterov = true,
    MaxRounds = 5000,
    GradientTolerance = 1e-9,
    Tolerance = 0,
    WeightBlocks = 2,
};
Say($"training linear regression: full-batch gradient descent, Nesterov momentum {spec.Momentum}, learning rate {spec.LearningRate}, {spec.WeightBlocks} weight blocks");
await client.StartJobAsync(spec);
await foreach (var round in client.WatchAsync(spec.Name))
{
    if (round.Round < 5 || round.Round % 50 == 0)
    {
        Say($"round {round.Round,5}  loss {round.Loss,14:F6}  |grad| {round.GradientNorm,10:E3}  {round.RoundMilliseconds,6:F2} ms");
    }
}

var status = await client.GetJobAsync(spec.Name);
Say($"job {status.Status} after {status.Round} rounds: {status.Reason} (last loss {status.LastObjective:F6})");
var model = await client.GetModelAsync(spec.Name);

var local = await LocalData.ReadAsync(dataPath, Label);
var (closedWeights, closedIntercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0);
var exitCode = Report.Compare(model, closedWeights, closedIntercept);
Say("shutting down");
return status.Status == JobStatus.Completed ? exitCode : 1;
