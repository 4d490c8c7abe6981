using System.Globalization;
using System.Text.Json;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Cli.Tests;

/// <summary>otrain against a real cluster: a redis-server and two silo processes.</summary>
public sealed class RoundTripTests : ClusterCliTest
{

    private static string Diabetes => Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv");

    /// <summary>
    /// Ctrl-C during an upload aborts it (exit 130) and the cluster keeps nothing of the dataset; during <c>train --watch</c>
    /// it stops the watch (exit 130, saying how to follow or cancel) and the job runs on.
    /// </summary>
    [Fact]
    public async Task Ctrl_c_aborts_an_upload_which_keeps_nothing_and_stops_a_watch_while_the_job_runs_on()
    {
        var file = Path.Combine(Work, "large.csv");
        var random = new Random(9);
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 250_000)
            .Select(_ => string.Join(',', Enumerable.Range(0, 11).Select(_ => random.NextDouble().ToString("R", CultureInfo.InvariantCulture))))
            .Prepend(string.Join(',', Enumerable.Range(0, 10).Select(c => $"x{c}").Append("y"))));
        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);

        var interrupted = await InterruptedOnceAsync(async () => (await client.GetDatasetAsync("large")).Status == DatasetStatus.Ingesting,
            "dataset", "upload", file, "--name", "large", "--shards", "2", "--label", "y", "--json");
        Assert.True(interrupted.ExitCode == ExitCodes.Interrupted, interrupted.ToString());
        Assert.Contains("otrain: error: interrupted", interrupted.Error);

        Assert.Equal(DatasetStatus.None, (await client.GetDatasetAsync("large")).Status);
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Cluster.Redis.ConnectionString))
        {
            Assert.Empty(redis.GetServers()[0].Keys(pattern: "*large*"));
        }

        Assert.Equal(ExitCodes.Success, (await RunAsync("dataset", "upload", Diabetes, "--name", "watched", "--shards", "2", "--label", "progression")).ExitCode);
        var stopped = await InterruptedOnceAsync(async () => (await client.GetJobAsync("endless")).Round >= 3,
            "train", "--dataset", "watched", "--name", "endless", "--lr", "0.01", "--tolerance", "0", "--max-rounds", "1000000", "--watch");
        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, stopped.ToString());
        Assert.Contains("otrain: stopped watching; job endless runs on", stopped.Error);

        Assert.Equal(JobStatus.Running, (await client.GetJobAsync("endless")).Status);
        await client.CancelJobAsync("endless");
    }

    /// <summary>Runs otrain with <paramref name="args"/> and interrupts it (as Ctrl-C does) once <paramref name="ready"/> holds or it has ended.</summary>
    private async Task<Otrain.Run> InterruptedOnceAsync(Func<Task<bool>> ready, params string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        var run = RunAsync(interrupt.Token, args);
        while (!run.IsCompleted && !await ready())
        {
            await Task.Delay(10);
        }

        await interrupt.CancelAsync();
        return await run;
    }

    [Fact]
    public async Task A_libsvm_file_uploads_as_a_sparse_dataset_and_trains()
    {
        var file = Path.Combine(Path.GetTempPath(), $"otrain-{Guid.NewGuid():N}.svm");
        var random = new Random(5);
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 400).Select(i =>
        {
            var x = random.NextDouble() * 2 - 1;
            return $"{(x + 0.3 * (random.NextDouble() - 0.5) > 0 ? "+1" : "-1")} 3:{x:R} {7 + i % 5}:1";
        }).Prepend("# two informative columns"));
        try
        {
            var upload = await RunAsync("dataset", "upload", file, "--name", "svm", "--shards", "2", "--format", "libsvm", "--signs-to-binary", "--json");
            Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
            var dataset = JsonDocument.Parse(upload.Json).RootElement;
            Assert.Equal(400, dataset.GetProperty("rows").GetInt64());
            Assert.Equal(11, dataset.GetProperty("featureCount").GetInt32());
            Assert.Equal("SparseFloat32", dataset.GetProperty("featureType").GetString());

            var standardized = await RunAsync("train", "--dataset", "svm", "--name", "svm-standardized", "--model", "logistic", "--solver", "lbfgs");
            Assert.True(standardized.ExitCode == ExitCodes.Usage, standardized.ToString());
            Assert.Contains("dataset \"svm\" is sparse: set --no-standardize", standardized.Error);

            var train = await RunAsync("train", "--dataset", "svm", "--name", "svm-lbfgs", "--model", "logistic", "--solver", "lbfgs", "--no-standardize",
                "--l2", "0.001", "--max-rounds", "200", "--watch");
            Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
            Assert.Contains("job svm-lbfgs Completed", train.Output);

            var show = await RunAsync("dataset", "show", "svm");
            Assert.Contains("11 (SparseFloat32): numbered 1..11", show.Output);

            var modelFile = Path.Combine(Work, "svm.json");
            var export = await RunAsync("model", "export", "svm-lbfgs", "--out", modelFile);
            Assert.True(export.ExitCode == ExitCodes.Success, export.ToString());
            Assert.Contains("11 features, 1 output(s)", export.Output);
            var exported = JsonDocument.Parse(await File.ReadAllTextAsync(modelFile)).RootElement;
            Assert.Equal(11, exported.GetProperty("featureCount").GetInt32());
            Assert.False(exported.TryGetProperty("features", out _));

            var predictions = Path.Combine(Work, "svm-predictions.csv");
            var predict = await Otrain.RunAsync("predict", "--model", modelFile, "--input", file, "--format", "libsvm", "--out", predictions);
            Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());

            await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
            var fromCluster = await client.GetModelAsync("svm-lbfgs");
            var written = File.ReadAllLines(predictions);
            Assert.Equal("class,p_0,p_1", written[0]);
            using var rows = LibSvmReader.Open(file, new LibSvmOptions());
            var (indices, values, row) = (new List<int>(), new List<float>(), 0);
            while (await rows.ReadRowAsync(indices, values, CancellationToken.None))
            {
                var p = fromCluster.PredictSparse([.. indices], [.. values]);
                Assert.Equal($"{(p >= 0.5 ? 1 : 0)},{(1 - p).ToString("R", CultureInfo.InvariantCulture)},{p.ToString("R", CultureInfo.InvariantCulture)}", written[++row]);
            }

            Assert.Equal(400, row);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Upload_train_export_and_predict_give_the_predictions_of_the_client_library_bit_for_bit()
    {
        var upload = await RunAsync("dataset", "upload", Diabetes, "--name", "diabetes", "--shards", "4", "--label", "progression");
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        Assert.Contains("uploaded dataset diabetes: 442 rows × 10 features in 4 shards", upload.Output);

        var list = await RunAsync("dataset", "list", "--json");
        var datasets = JsonDocument.Parse(list.Json).RootElement;
        Assert.Equal(442, datasets.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "diabetes").GetProperty("rows").GetInt64());

        var show = await RunAsync("dataset", "show", "diabetes");
        Assert.Contains("diabetes/3", show.Output);
        Assert.Contains("progression", show.Output);

        var train = await RunAsync("train", "--dataset", "diabetes", "--name", "diabetes-gd", "--lr", "0.2", "--momentum", "0.9", "--nesterov",
            "--max-rounds", "3000", "--blocks", "2", "--watch");
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        Assert.Contains("job diabetes-gd Completed", train.Output);

        var jobs = JsonDocument.Parse((await RunAsync("job", "list", "--json")).Json).RootElement;
        var listed = jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "diabetes-gd");
        Assert.Equal(("Completed", "linear", "gd"), (listed.GetProperty("status").GetString(), listed.GetProperty("model").GetString(), listed.GetProperty("solver").GetString()));
        Assert.Contains("| linear | gd", (await RunAsync("job", "list")).Output.Replace("│", "|"));
        var job = await RunAsync("job", "show", "diabetes-gd");
        Assert.Contains("Started", job.Output);
        Assert.Contains("compute", job.Output);
        Assert.Contains("model linear, intercept on, standardize on, classes 0, huber-delta 1.35", job.Output);
        Assert.Contains("optimizer sgd, momentum 0.9, nesterov on, beta1 0.9, beta2 0.999, epsilon 1E-08", job.Output);
        Assert.Contains("parallelism data, blocks 2, partition range, consistency bsp, staleness 0", job.Output);
        var spec = JsonDocument.Parse((await RunAsync("job", "show", "diabetes-gd", "--json")).Json).RootElement.GetProperty("job").GetProperty("spec");
        Assert.Equal(("linear", "gd", 0.2, 3000, 2, "bsp"), (spec.GetProperty("model").GetProperty("model").GetString(), spec.GetProperty("solver").GetProperty("solver").GetString(),
            spec.GetProperty("solver").GetProperty("lr").GetDouble(), spec.GetProperty("stopping").GetProperty("max-rounds").GetInt32(),
            spec.GetProperty("parallelism").GetProperty("blocks").GetInt32(), spec.GetProperty("parallelism").GetProperty("consistency").GetString()));
        Assert.Equal(JsonValueKind.Null, spec.GetProperty("stopping").GetProperty("tolerance").ValueKind);

        var modelFile = Path.Combine(Work, "model.json");
        var export = await RunAsync("model", "export", "diabetes-gd", "--out", modelFile);
        Assert.True(export.ExitCode == ExitCodes.Success, export.ToString());
        var exported = JsonDocument.Parse(await File.ReadAllTextAsync(modelFile)).RootElement;
        Assert.Equal("diabetes-gd", exported.GetProperty("job").GetString());
        Assert.Equal("diabetes", exported.GetProperty("dataset").GetString());
        Assert.Equal("progression", exported.GetProperty("label").GetString());
        Assert.Equal(0.2, exported.GetProperty("spec").GetProperty("learningRate").GetDouble());

        var again = await RunAsync("model", "export", "diabetes-gd", "--out", modelFile);
        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Contains("exists; pass --force to overwrite it", again.Error);
        var onnxFile = Path.Combine(Work, "model.onnx");
        var onnx = await RunAsync("model", "export", "diabetes-gd", "--out", onnxFile, "--format", "onnx", "--force");
        Assert.True(onnx.ExitCode == ExitCodes.Success, onnx.ToString());
        var onnxBytes = await File.ReadAllBytesAsync(onnxFile);
        Assert.Equal([0x08, 0x08], onnxBytes[..2]); // ModelProto field 1, ir_version 8 (ONNX Runtime runs these files in Client.Tests)
        Assert.Contains("diabetes-gd", System.Text.Encoding.UTF8.GetString(onnxBytes));

        var predictions = Path.Combine(Work, "predictions.csv");
        var predict = await Otrain.RunAsync("predict", "--model", modelFile, "--input", Diabetes, "--out", predictions);
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());
        Assert.Contains("wrote 442 predictions", predict.Output);

        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        var fromCluster = await client.GetModelAsync("diabetes-gd");
        var reloaded = await LinearModel.LoadAsync(modelFile);
        var written = File.ReadAllLines(predictions);
        Assert.Equal("prediction", written[0]);
        var rows = File.ReadAllLines(Diabetes).Skip(1).Select(l => l.Split(',')[..10].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(rows.Length, written.Length - 1);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = fromCluster.Predict(rows[i]);
            Assert.Equal(expected, reloaded.Predict(rows[i]));
            Assert.Equal(expected, double.Parse(written[i + 1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Jobs_are_paused_steered_resumed_and_cancelled_from_the_command_line()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("dataset", "upload", Diabetes, "--name", "steer", "--shards", "2", "--label", "progression")).ExitCode);
        var start = await RunAsync("train", "--dataset", "steer", "--name", "steer-job", "--lr", "0.01", "--max-rounds", "100000000", "--tolerance", "0", "--json");
        Assert.True(start.ExitCode == ExitCodes.Success, start.ToString());
        Assert.Equal("Running", JsonDocument.Parse(start.Json).RootElement.GetProperty("status").GetString());

        var pause = await RunAsync("job", "pause", "steer-job");
        Assert.True(pause.ExitCode == ExitCodes.Success, pause.ToString());
        Assert.Contains("job steer-job: Paused", pause.Output);

        var rate = await RunAsync("job", "set-lr", "steer-job", "0.05", "--json");
        Assert.Equal(0.05, JsonDocument.Parse(rate.Json).RootElement.GetProperty("spec").GetProperty("solver").GetProperty("lr").GetDouble());

        Assert.Contains("job steer-job: Running", (await RunAsync("job", "resume", "steer-job")).Output);
        Assert.Contains("job steer-job: Cancelled", (await RunAsync("job", "cancel", "steer-job")).Output);

        var again = await RunAsync("job", "pause", "steer-job");
        Assert.Equal(ExitCodes.Failure, again.ExitCode);
        Assert.Contains("only a running job can be paused", again.Error);

        var history = JsonDocument.Parse((await RunAsync("job", "show", "steer-job", "--json")).Json).RootElement.GetProperty("job").GetProperty("history");
        // What the cluster itself went through (a silo voted dead on a loaded machine, a failed round) is history too;
        // the controls must be there in order among it.
        string[] infrastructure = ["SilosChanged", "RoundRetried", "RoundsResumed", "Recovered", "Stalled", "StorageRewound"];
        Assert.Equal(["Started", "Paused", "LearningRateChanged", "Resumed", "Cancelled"],
            history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Where(kind => !infrastructure.Contains(kind)));
        Assert.All(history.EnumerateArray().Skip(1), e => Assert.EndsWith($"by {CliActor.Name}", e.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_job_starts_from_an_exported_model_and_a_finished_job_is_deleted_from_the_command_line()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("dataset", "upload", Diabetes, "--name", "warm", "--shards", "2", "--label", "progression")).ExitCode);
        var first = await RunAsync("train", "--dataset", "warm", "--name", "warm-first", "--solver", "lbfgs", "--l2", "0.001", "--watch");
        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        var firstModel = Path.Combine(Work, "first.json");
        Assert.Equal(ExitCodes.Success, (await RunAsync("model", "export", "warm-first", "--out", firstModel)).ExitCode);

        // Started at the first job's optimum, gradient descent stops after one round with its coefficients.
        var second = await RunAsync("train", "--dataset", "warm", "--name", "warm-second", "--l2", "0.001", "--init-model", firstModel,
            "--gradient-tolerance", "1e-4", "--watch");
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        var shown = JsonDocument.Parse((await RunAsync("job", "show", "warm-second", "--json")).Json).RootElement.GetProperty("job");
        Assert.Equal(1, shown.GetProperty("round").GetInt64());
        Assert.Contains("from an initial model", shown.GetProperty("history")[0].GetProperty("detail").GetString());
        var secondModel = Path.Combine(Work, "second.json");
        Assert.Equal(ExitCodes.Success, (await RunAsync("model", "export", "warm-second", "--out", secondModel)).ExitCode);
        var (expected, actual) = (await LinearModel.LoadAsync(firstModel), await LinearModel.LoadAsync(secondModel));
        for (var j = 0; j < expected.FeatureCount; j++)
        {
            Assert.Equal(expected.Weights[j], actual.Weights[j], 1e-6 * Math.Abs(expected.Weights[j]) + 1e-9);
        }

        // A model of other features, and a file that is no model, are refused naming the option and the file.
        var misfit = Path.Combine(Work, "misfit.json");
        await new LinearModel(ModelKind.LinearRegression, ["age", "sex", "bmi"], [1, 2, 3], [4]).SaveAsync(misfit);
        var refused = await RunAsync("train", "--dataset", "warm", "--name", "warm-misfit", "--init-model", misfit);
        Assert.True(refused.ExitCode == ExitCodes.Usage, refused.ToString());
        Assert.Contains($"--init-model {misfit}: Job \"warm-misfit\": InitialModel has 3 features; dataset \"warm\" has 10", refused.Error);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("job", "show", "warm-misfit")).ExitCode);
        var garbage = Path.Combine(Work, "garbage.json");
        await File.WriteAllTextAsync(garbage, "{ not a model");
        var unreadable = await RunAsync("train", "--dataset", "warm", "--init-model", garbage);
        Assert.True(unreadable.ExitCode == ExitCodes.Usage, unreadable.ToString());
        Assert.Contains($"--init-model {garbage}: Not a model file", unreadable.Error);

        // Delete: refused while running, then done; the name is free again.
        Assert.Equal(ExitCodes.Success, (await RunAsync("train", "--dataset", "warm", "--name", "warm-running", "--lr", "1e-6", "--max-rounds", "100000000", "--tolerance", "0")).ExitCode);
        var running = await RunAsync("job", "delete", "warm-running");
        Assert.True(running.ExitCode == ExitCodes.Failure, running.ToString());
        Assert.Contains("cancel it first", running.Error);
        Assert.Equal(ExitCodes.Success, (await RunAsync("job", "cancel", "warm-running")).ExitCode);
        var deleted = await RunAsync("job", "delete", "warm-running");
        Assert.True(deleted.ExitCode == ExitCodes.Success, deleted.ToString());
        Assert.Contains("deleted job warm-running", deleted.Output);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("job", "show", "warm-running")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("job", "delete", "warm-running")).ExitCode);
        Assert.Equal("warm-second", JsonDocument.Parse((await RunAsync("job", "delete", "warm-second", "--json")).Json).RootElement.GetProperty("deleted").GetString());
        Assert.DoesNotContain("warm-second", (await RunAsync("job", "list", "--json")).Json);
        var again = await RunAsync("train", "--dataset", "warm", "--name", "warm-second", "--init-model", firstModel, "--max-rounds", "3", "--watch");
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
    }

    [Fact]
    public async Task Missing_datasets_and_jobs_exit_with_the_not_found_code_and_bad_data_with_the_failure_code()
    {
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("dataset", "show", "nothing")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("job", "show", "nothing")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("job", "cancel", "nothing")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("model", "export", "nothing", "--out", Path.Combine(Work, "m.json"))).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("train", "--dataset", "nothing")).ExitCode);

        var bad = Path.Combine(Work, "bad.csv");
        await File.WriteAllTextAsync(bad, "a,b,y\n1,2,3\n4,oops,6\n");
        var upload = await RunAsync("dataset", "upload", bad, "--name", "bad", "--label", "y");
        Assert.Equal(ExitCodes.Failure, upload.ExitCode);
        Assert.Contains("bad.csv", upload.Error);
        Assert.Contains("line 3", upload.Error);
        Assert.DoesNotContain("\"bad\"", (await RunAsync("dataset", "list", "--json")).Json);
    }
}
