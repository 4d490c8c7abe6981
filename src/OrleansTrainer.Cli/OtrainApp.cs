using System.Reflection;
using OrleansTrainer.Cli.Commands;
using OrleansTrainer.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli;

/// <summary>The otrain command tree and the mapping of errors to exit codes.</summary>
public static class OtrainApp
{
    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns the process exit code; <paramref name="interrupted"/>
    /// (Ctrl-C) cancels the command: an upload is aborted and keeps nothing, a watch stops and its job runs on.
    /// </summary>
    public static Task<int> RunAsync(IEnumerable<string> args, CliIO io, CancellationToken interrupted = default)
    {
        var arguments = args.ToArray();
        var verbose = arguments.Contains(VerboseOption);
        var registrar = new InstanceRegistrar(io);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("otrain");
            config.SetApplicationVersion(Version);
            config.UseStrictParsing();
            config.ConfigureConsole(io.Console);
            config.SetExceptionHandler((error, _) => ErrorReporter.Report(io, error, verbose, interrupted));
            config.AddBranch("dataset", dataset =>
            {
                dataset.SetDescription("Upload, list and show datasets.");
                dataset.AddCommand<DatasetUploadCommand>("upload").WithDescription("Upload a CSV, LIBSVM or Parquet file as a dataset, all or nothing.")
                    .WithExample("dataset", "upload", "houses.csv", "--name", "houses", "--shards", "8", "--label", "price")
                    .WithExample("dataset", "upload", "sales.parquet", "--format", "parquet", "--name", "sales", "--label", "amount", "--categorical", "region",
                        "--missing", "constant:0", "--missing-indicator");
                dataset.AddCommand<DatasetIngestCommand>("ingest").WithDescription("Have the silos read a CSV, LIBSVM or Parquet file themselves (a path on a volume every silo mounts), in parallel, all or nothing.")
                    .WithExample("dataset", "ingest", "/data/houses.csv", "--name", "houses", "--shards", "8", "--label", "price");
                dataset.AddCommand<DatasetListCommand>("list").WithDescription("List the datasets.");
                dataset.AddCommand<DatasetShowCommand>("show").WithDescription("Show a dataset's schema and shards.");
                dataset.AddCommand<DatasetDeleteCommand>("delete").WithDescription("Delete a dataset and its rows.");
            });
            config.AddCommand<TrainCommand>("train").WithDescription("Start a training job; --watch follows it to the end.")
                .WithExample("train", "--dataset", "houses", "--model", "linear", "--solver", "gd", "--lr", "0.2", "--watch")
                .WithExample("train", "--dataset", "houses-2025", "--solver", "lbfgs", "--init-model", "houses-2024.json", "--watch");
            config.AddCommand<CvCommand>("cv").WithDescription("k-fold cross-validation of a job spec over the dataset's shards; mean ± sd of each metric.")
                .WithExample("cv", "--dataset", "houses", "--model", "linear", "--solver", "lbfgs", "--l2", "0.01", "--folds", "5");
            config.AddCommand<SweepCommand>("sweep").WithDescription("Hyperparameter search (grid or random, optionally halving) over the dataset's shards.")
                .WithExample("sweep", "--dataset", "houses", "--solver", "lbfgs", "--validation-fraction", "0.2", "--try-l2", "0.1,0.01,0.001", "--out", "best.json");
            config.AddBranch("job", job =>
            {
                job.SetDescription("List, inspect and steer training jobs.");
                job.AddCommand<JobListCommand>("list").WithDescription("List the jobs.");
                job.AddCommand<JobShowCommand>("show").WithDescription("Show a job: status, hyperparameters, history, last round.");
                job.AddCommand<JobPauseCommand>("pause").WithDescription("Hold a running job at its next round boundary.");
                job.AddCommand<JobResumeCommand>("resume").WithDescription("Resume a paused job.");
                job.AddCommand<JobCancelCommand>("cancel").WithDescription("Stop a job at its next round boundary.");
                job.AddCommand<JobSetLearningRateCommand>("set-lr").WithDescription("Change a job's learning rate from its next round on.");
                job.AddCommand<JobContinueCommand>("continue").WithDescription("Run a completed job on to a new round limit.");
                job.AddCommand<JobDeleteCommand>("delete").WithDescription("Delete a finished job and everything it owns (cancel a running one first); its name is free again.");
            });
            config.AddBranch("model", model =>
            {
                model.SetDescription("Trained models.");
                model.AddCommand<ModelExportCommand>("export").WithDescription("Write a job's model to a file: JSON (with its provenance) or ONNX.");
                model.AddCommand<ModelEvaluateCommand>("evaluate").WithDescription("Score a dataset on the cluster with a model or a job's model; print its metrics.")
                    .WithExample("model", "evaluate", "--model", "houses.json", "--dataset", "houses-test");
            });
            config.AddCommand<PredictCommand>("predict").WithDescription("Predict locally with an exported model: CSV or LIBSVM in, CSV out.");
        });
        return app.RunAsync(arguments, interrupted);
    }

    /// <summary>otrain's version (<c>otrain --version</c>): the assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(OtrainApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    // The option of ClusterSettings.Verbose; read here too, since an error may come before any settings are bound.
    private const string VerboseOption = "--verbose";
}
