using System.Text.Json;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Cli.Tests;

/// <summary>Judging and tuning models with otrain against a real cluster: validation, evaluation, cross-validation, search.</summary>
public sealed class JudgingTests : ClusterCliTest
{

    private static string Diabetes => Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv");

    [Fact]
    public async Task A_model_is_validated_evaluated_cross_validated_and_tuned_from_the_command_line()
    {
        Assert.Equal(ExitCodes.Success, (await RunAsync("dataset", "upload", Diabetes, "--name", "diabetes", "--shards", "3", "--label", "progression")).ExitCode);

        var train = await RunAsync("train", "--dataset", "diabetes", "--name", "ridge", "--solver", "normal", "--l2", "0.01",
            "--validation-fraction", "0.25", "--validation-seed", "3", "--watch");
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        var show = await RunAsync("job", "show", "ridge");
        Assert.Contains("0.25 of the rows (seed 3)", show.Output);
        Assert.Contains("validation metrics", show.Output);
        Assert.Contains("train metrics", show.Output);
        var shown = JsonDocument.Parse((await RunAsync("job", "show", "ridge", "--json")).Json).RootElement.GetProperty("job").GetProperty("validation");
        var heldOutRmse = shown.GetProperty("finalValidation").GetProperty("rmse").GetDouble();

        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        var model = Path.Combine(Work, "ridge.json");
        Assert.Equal(ExitCodes.Success, (await RunAsync("model", "export", "ridge", "--out", model)).ExitCode);
        var onCluster = await RunAsync("model", "evaluate", "--model", model, "--dataset", "diabetes", "--json");
        Assert.True(onCluster.ExitCode == ExitCodes.Success, onCluster.ToString());
        var clusterRmse = JsonDocument.Parse(onCluster.Json).RootElement.GetProperty("metrics").GetProperty("rmse").GetDouble();
        Assert.Equal((await client.EvaluateJobAsync("ridge", "diabetes")).Rmse, clusterRmse);
        Assert.NotEqual(heldOutRmse, clusterRmse);
        var local = await Otrain.RunAsync("model", "evaluate", "--model", model, "--input", Diabetes, "--json");
        Assert.True(local.ExitCode == ExitCodes.Success, local.ToString());
        var localRmse = JsonDocument.Parse(local.Json).RootElement.GetProperty("metrics").GetProperty("rmse").GetDouble();
        // The cluster holds the features as float32 (ingestion rounds them); the local file is read in double precision.
        Assert.True(Math.Abs(localRmse - clusterRmse) <= 1e-7 * clusterRmse, $"local {localRmse} vs cluster {clusterRmse}");
        // Weighted rows: the local evaluation with --weight agrees with the cluster's on the same rows uploaded with --weight.
        var weighted = Path.Combine(Work, "weighted.csv");
        await File.WriteAllLinesAsync(weighted, (await File.ReadAllLinesAsync(Diabetes)).Select((line, i) => line + (i == 0 ? ",w" : $",{1 + i % 3}")));
        Assert.Equal(ExitCodes.Success, (await RunAsync("dataset", "upload", weighted, "--name", "weighted", "--shards", "2", "--label", "progression", "--weight", "w")).ExitCode);
        var clusterWeighted = JsonDocument.Parse((await RunAsync("model", "evaluate", "--model", model, "--dataset", "weighted", "--json")).Json).RootElement.GetProperty("metrics");
        var localWeightedRun = await Otrain.RunAsync("model", "evaluate", "--model", model, "--input", weighted, "--weight", "w", "--json");
        Assert.True(localWeightedRun.ExitCode == ExitCodes.Success, localWeightedRun.ToString());
        var localWeighted = JsonDocument.Parse(localWeightedRun.Json).RootElement.GetProperty("metrics");
        Assert.Equal(clusterWeighted.GetProperty("weightSum").GetDouble(), localWeighted.GetProperty("weightSum").GetDouble());
        Assert.NotEqual(clusterRmse, clusterWeighted.GetProperty("rmse").GetDouble());
        Assert.True(Math.Abs(localWeighted.GetProperty("rmse").GetDouble() - clusterWeighted.GetProperty("rmse").GetDouble()) <= 1e-7 * clusterRmse,
            $"local {localWeighted} vs cluster {clusterWeighted}");
        Assert.Equal(ExitCodes.Usage, (await RunAsync("model", "evaluate", "--model", model, "--dataset", "weighted", "--weight", "w")).ExitCode);

        var table = await RunAsync("model", "evaluate", "--job", "ridge", "--dataset", "diabetes");
        Assert.Contains("explained-variance", table.Output);

        var cv = await RunAsync("cv", "--dataset", "diabetes", "--name", "ridge-cv", "--solver", "normal", "--l2", "0.01", "--folds", "3", "--json");
        Assert.True(cv.ExitCode == ExitCodes.Success, cv.ToString());
        var folds = JsonDocument.Parse(cv.Json).RootElement;
        Assert.Equal(3, folds.GetProperty("folds").GetArrayLength());
        var mean = folds.GetProperty("folds").EnumerateArray().Average(f => f.GetProperty("validation").GetProperty("rmse").GetDouble());
        Assert.Equal(mean, folds.GetProperty("validation").GetProperty("rmse").GetProperty("mean").GetDouble(), 12);

        var best = Path.Combine(Work, "best.json");
        var sweep = await RunAsync("sweep", "--dataset", "diabetes", "--name", "ridge-sweep", "--solver", "normal", "--validation-fraction", "0.3",
            "--try-l2", "0.0001,0.01,1,100", "--parallel", "2", "--out", best);
        Assert.True(sweep.ExitCode == ExitCodes.Success, sweep.ToString());
        Assert.Contains("best: ridge-sweep-t", sweep.Output);
        Assert.True(File.Exists(best));
        Assert.Equal(ExitCodes.Usage, (await RunAsync("sweep", "--dataset", "diabetes", "--try-l2", "x")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("train", "--dataset", "diabetes", "--validation-fraction", "1.5")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("cv", "--dataset", "diabetes", "--folds", "1")).ExitCode);

        Assert.Equal(ExitCodes.Success, (await RunAsync("train", "--dataset", "diabetes", "--name", "gd", "--max-rounds", "5", "--tolerance", "0", "--watch")).ExitCode);
        var resumed = await RunAsync("job", "continue", "gd", "--max-rounds", "12");
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Equal(12, (await client.WaitForJobAsync("gd")).Round);
        Assert.Equal(ExitCodes.Failure, (await RunAsync("job", "continue", "gd", "--max-rounds", "3")).ExitCode);
    }
}
