using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Commands;
using OrleansTrainer.Cli.Infrastructure;

namespace OrleansTrainer.Cli.Tests;

/// <summary>Command-line parsing and the exit codes of errors found before any cluster is contacted.</summary>
public sealed class ParsingTests
{
    [Fact]
    public async Task Help_lists_every_command_and_exits_zero()
    {
        var run = await Otrain.RunAsync("--help");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var command in new[] { "dataset", "train", "job", "model", "predict" })
        {
            Assert.Contains(command, run.Output);
        }

        var job = await Otrain.RunAsync("job", "--help");
        Assert.Equal(ExitCodes.Success, job.ExitCode);
        Assert.Contains("delete", job.Output);
        Assert.Contains("--init-model", (await Otrain.RunAsync("train", "--help")).Output);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("dataset", "upload", "x.csv", "--label", "y")]
    [InlineData("dataset", "upload", "x.csv", "--name", "d")]
    [InlineData("dataset", "upload", "x.csv", "--name", "d", "--label", "y", "--format", "xml")]
    [InlineData("dataset", "upload", "x.csv", "--name", "d", "--label", "y", "--shards", "0")]
    [InlineData("dataset", "upload", "x.csv", "--name", "d", "--label", "y", "--shards", "many")]
    [InlineData("train", "--model", "linear")]
    [InlineData("train", "--dataset", "d", "--model", "forest")]
    [InlineData("train", "--dataset", "d", "--solver", "newton")]
    [InlineData("train", "--dataset", "d", "--name", "")]
    [InlineData("cv", "--dataset", "d", "--name", "")]
    [InlineData("job", "set-lr", "j", "-0.5")]
    [InlineData("job", "pause")]
    [InlineData("model", "export", "j")]
    [InlineData("predict", "--model", "m.json", "--input", "in.csv")]
    [InlineData("predict", "--model", "m.json", "--input", "in.csv", "--out", "o.csv", "--format", "xml")]
    [InlineData("predict", "--model", "m.json", "--input", "in.svm", "--out", "o.csv", "--format", "libsvm", "--id", "key")]
    [InlineData("predict", "--model", "m.json", "--input", "in.svm", "--out", "o.csv", "--format", "libsvm", "--delimiter", ";")]
    [InlineData("model", "export", "j", "--out", "m.onnx", "--format", "pmml")]
    [InlineData("model", "export", "j", "--out", "m.onnx", "--format", "onnx", "--onnx-input", "raw")]
    [InlineData("model", "export", "j", "--out", "m.json", "--onnx-input", "columns")]
    [InlineData("job", "list", "--no-such-option")]
    public async Task A_wrong_command_line_exits_with_the_usage_code(params string[] args)
    {
        var run = await Otrain.RunAsync(args);
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.StartsWith("otrain: error: ", run.Error);
    }

    [Fact]
    public async Task Missing_files_exit_with_the_not_found_code()
    {
        var upload = await Otrain.RunAsync("dataset", "upload", "/nonexistent/x.csv", "--name", "d", "--label", "y");
        Assert.Equal(ExitCodes.NotFound, upload.ExitCode);
        Assert.Contains("/nonexistent/x.csv", upload.Error);

        var predict = await Otrain.RunAsync("predict", "--model", "/nonexistent/m.json", "--input", "in.csv", "--out", "out.csv");
        Assert.Equal(ExitCodes.NotFound, predict.ExitCode);

        var config = await Otrain.RunAsync("job", "list", "--config", "/nonexistent/otrain.json");
        Assert.Equal(ExitCodes.NotFound, config.ExitCode);

        string[][] initModel =
        [
            ["train", "--dataset", "d"],
            ["cv", "--dataset", "d"],
            ["sweep", "--dataset", "d", "--validation-fraction", "0.2", "--try-l2", "0.1,0.01"],
        ];
        foreach (var command in initModel)
        {
            var init = await Otrain.RunAsync([.. command, "--init-model", "/nonexistent/m.json"]);
            Assert.True(init.ExitCode == ExitCodes.NotFound, init.ToString());
            Assert.Contains("--init-model /nonexistent/m.json: the file does not exist", init.Error);
        }
    }

    [Fact]
    public async Task Export_refuses_to_overwrite_a_file_before_it_contacts_any_cluster()
    {
        var file = Path.GetTempFileName();
        try
        {
            var export = await Otrain.RunAsync("model", "export", "j", "--out", file, "--cluster", "127.0.0.1:1");
            Assert.True(export.ExitCode == ExitCodes.Failure, export.ToString());
            Assert.Contains($"{file} exists; pass --force to overwrite it", export.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Train_takes_both_tolerances_and_leaves_them_to_the_solver_by_default()
    {
        var help = await Otrain.RunAsync("train", "--help");
        Assert.Contains("--gradient-tolerance", help.Output);
        Assert.Contains("--tolerance", help.Output);
        var wrong = await Otrain.RunAsync("train", "--dataset", "d", "--gradient-tolerance", "tiny");
        Assert.True(wrong.ExitCode == ExitCodes.Usage, wrong.ToString());

        var unset = new TrainSettings { Dataset = "d" }.ToSpec(DateTimeOffset.UnixEpoch);
        Assert.Equal((null, null), (unset.Tolerance, unset.GradientTolerance));
        var set = new TrainSettings { Dataset = "d", Tolerance = 0, GradientTolerance = 1e-7 }.ToSpec(DateTimeOffset.UnixEpoch);
        Assert.Equal((0.0, 1e-7), (set.Tolerance, set.GradientTolerance));
    }

    [Fact]
    public void Train_options_become_the_job_spec()
    {
        var settings = new TrainSettings
        {
            Dataset = "houses", Model = "Logistic", Solver = "sgd", LearningRate = 0.5, L2 = 0.01, Momentum = 0.9, Nesterov = true,
            MaxRounds = 77, Blocks = 3, BatchSize = 64, Seed = 9,
        };
        Assert.True(settings.Validate().Successful);

        var spec = settings.ToSpec(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal("houses-20260102030405", spec.Name);
        Assert.Equal(ModelKind.LogisticRegression, spec.Model);
        Assert.Equal(SolverKind.MiniBatchSgd, spec.Solver);
        Assert.Equal((0.5, 0.01, 0.9, true, 77, 3, 64, 9UL), (spec.LearningRate, spec.L2, spec.Momentum, spec.Nesterov, spec.MaxRounds, spec.WeightBlocks, spec.BatchSize, spec.Seed));
    }

    [Fact]
    public void Model_names_come_from_the_registry()
    {
        var spec = new TrainSettings { Dataset = "d", Model = "SVM" }.ToSpec(DateTimeOffset.UnixEpoch);
        Assert.Equal(ModelKind.LinearSvm, spec.Model);
        Assert.Equal("svm", OrleansTrainer.Cli.Spec.SpecNames.NameOf(ModelKind.LinearSvm));
        var wrong = new TrainSettings { Dataset = "d", Model = "forest" }.Validate();
        Assert.Contains("--model must be one of linear, logistic, softmax, huber, poisson, svm", wrong.Message);
    }

    [Fact]
    public void Local_sgd_options_become_the_job_spec()
    {
        var settings = new TrainSettings { Dataset = "clicks", Solver = "local-sgd", BatchSize = 4, LocalSteps = 250_000, Optimizer = "AdaGrad", NoIntercept = true };
        Assert.True(settings.Validate().Successful);
        var spec = settings.ToSpec(DateTimeOffset.UnixEpoch);
        Assert.Equal((SolverKind.LocalSgd, 4, 250_000, OptimizerKind.AdaGrad, false), (spec.Solver, spec.BatchSize, spec.LocalSteps, spec.Optimizer, spec.FitIntercept));
        Assert.True(new TrainSettings { Dataset = "d" }.ToSpec(DateTimeOffset.UnixEpoch).FitIntercept);
        var wrong = new TrainSettings { Dataset = "d", Optimizer = "rmsprop" }.Validate();
        Assert.Contains("--optimizer must be one of sgd, adagrad, adam", wrong.Message);
    }

    [Fact]
    public void The_partition_option_picks_range_or_hash_and_refuses_anything_else()
    {
        Assert.Equal(WeightPartition.Range, new TrainSettings { Dataset = "d" }.ToSpec(DateTimeOffset.UnixEpoch).Partition);
        var hash = new TrainSettings { Dataset = "d", Partition = "hash" };
        Assert.True(hash.Validate().Successful);
        Assert.Equal(WeightPartition.Hash, hash.ToSpec(DateTimeOffset.UnixEpoch).Partition);
        var wrong = new TrainSettings { Dataset = "d", Partition = "modulo" }.Validate();
        Assert.False(wrong.Successful);
        Assert.Contains("--partition must be one of range, hash, not modulo", wrong.Message);
    }

    [Fact]
    public void The_cluster_comes_from_the_option_before_the_config_file()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{"cluster": "redis.example:6380", "clusterId": "prod", "serviceId": "svc"}""");
        try
        {
            var fromFile = ClusterConnection.Resolve(new ClusterSettings { Config = file });
            Assert.Equal(("redis.example:6380", "prod", "svc"), (fromFile.Redis, fromFile.ClusterId, fromFile.ServiceId));

            var fromOption = ClusterConnection.Resolve(new ClusterSettings { Config = file, Cluster = "10.0.0.1:6379", ClusterId = "other" });
            Assert.Equal(("10.0.0.1:6379", "other", "svc"), (fromOption.Redis, fromOption.ClusterId, fromOption.ServiceId));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
