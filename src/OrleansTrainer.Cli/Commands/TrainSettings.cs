using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>The arguments of <c>otrain train</c>: a job spec.</summary>
public class TrainSettings : ClusterSettings
{
    /// <summary>The dataset.</summary>
    [CommandOption("--dataset <NAME>")]
    [Description("The dataset to train on. Required.")]
    public string? Dataset { get; set; }

    /// <summary>The job's name.</summary>
    [CommandOption("--name <JOB>")]
    [Description("The job's name. Default: <dataset>-<UTC time>.")]
    public string? Name { get; set; }

    /// <summary>The model family.</summary>
    [CommandOption("--model <MODEL>")]
    [Description("linear, logistic, softmax, huber, poisson or svm (linear SVM, squared hinge).")]
    [DefaultValue("linear")]
    public string Model { get; set; } = "linear";

    /// <summary>The solver.</summary>
    [CommandOption("--solver <SOLVER>")]
    [Description("gd, sgd, lbfgs, normal or local-sgd.")]
    [DefaultValue("gd")]
    public string Solver { get; set; } = "gd";

    /// <summary>The learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description("Learning rate (step size).")]
    [DefaultValue(0.1)]
    public double LearningRate { get; set; } = 0.1;

    /// <summary>The L2 penalty.</summary>
    [CommandOption("--l2 <L2>")]
    [Description("L2 penalty on the original-scale coefficients.")]
    public double L2 { get; set; }

    /// <summary>The L1 penalty.</summary>
    [CommandOption("--l1 <L1>")]
    [Description("L1 penalty on the original-scale coefficients.")]
    public double L1 { get; set; }

    /// <summary>Momentum.</summary>
    [CommandOption("--momentum <M>")]
    [Description("Momentum, at least 0 and below 1.")]
    public double Momentum { get; set; }

    /// <summary>Nesterov momentum.</summary>
    [CommandOption("--nesterov")]
    [Description("Nesterov momentum (needs --momentum).")]
    public bool Nesterov { get; set; }

    /// <summary>Round limit.</summary>
    [CommandOption("--max-rounds <N>")]
    [Description("Most rounds to run.")]
    [DefaultValue(1000)]
    public int MaxRounds { get; set; } = 1000;

    /// <summary>Stop on a small relative objective change; null takes the solver's default.</summary>
    [CommandOption("--tolerance <T>")]
    [Description("Stop when the objective's relative change falls below this; 0 disables. Default: off for lbfgs, 1e-10 for the other full-batch solvers.")]
    public double? Tolerance { get; set; }

    /// <summary>Stop on a small gradient; null takes the solver's default.</summary>
    [CommandOption("--gradient-tolerance <T>")]
    [Description("Stop on a small gradient; 0 disables. lbfgs and gd with line search: the gradient's largest component relative to the start's, default 1e-10; the others: the gradient's norm, default off.")]
    public double? GradientTolerance { get; set; }

    /// <summary>Weight blocks.</summary>
    [CommandOption("--blocks <B>")]
    [Description("How many weight blocks hold the parameters.")]
    [DefaultValue(1)]
    public int Blocks { get; set; } = 1;

    /// <summary>Mini-batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("Rows per round for sgd and local-sgd.")]
    [DefaultValue(256)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Local steps per round of local SGD.</summary>
    [CommandOption("--local-steps <N>")]
    [Description("Steps each shard takes on its own rows per round of local-sgd (with --batch-size = the shard count, one row a step: shard rows ÷ … steps make an epoch).")]
    [DefaultValue(10)]
    public int LocalSteps { get; set; } = 10;

    /// <summary>The per-coordinate update rule.</summary>
    [CommandOption("--optimizer <RULE>")]
    [Description("sgd (default), adagrad or adam: the blocks' update rule in gd and sgd rounds (local-sgd steps are plain SGD).")]
    [DefaultValue("sgd")]
    public string Optimizer { get; set; } = "sgd";

    /// <summary>Fit without an intercept.</summary>
    [CommandOption("--no-intercept")]
    [Description("Fit no intercept (the model passes through the origin).")]
    public bool NoIntercept { get; set; }

    /// <summary>Classes for softmax.</summary>
    [CommandOption("--classes <K>")]
    [Description("Classes for softmax (0: from the labels).")]
    public int Classes { get; set; }

    /// <summary>Random seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Seed of the mini-batch draws.")]
    public ulong Seed { get; set; }

    /// <summary>Train on the raw features.</summary>
    [CommandOption("--no-standardize")]
    [Description("Train on the raw features (required for sparse datasets; the optimum is the same either way).")]
    public bool NoStandardize { get; set; }

    /// <summary>How the work is split.</summary>
    [CommandOption("--parallelism <MODE>")]
    [Description("data (default) or block-coordinate (model parallelism: least squares, ridge, lasso).")]
    [DefaultValue("data")]
    public string Parallelism { get; set; } = "data";

    /// <summary>Which features each weight block owns.</summary>
    [CommandOption("--partition <PARTITION>")]
    [Description("range (default: contiguous feature ranges) or hash (features spread over the blocks by a hash of their index; sparse datasets).")]
    [DefaultValue("range")]
    public string Partition { get; set; } = "range";

    /// <summary>Share of rows held out for validation.</summary>
    [CommandOption("--validation-fraction <P>")]
    [Description("Hold out this share of the rows (0 < P < 1, by a seeded hash of the row number: the same rows for any shard count) and report validation metrics.")]
    public double? ValidationFraction { get; set; }

    /// <summary>A separate validation dataset.</summary>
    [CommandOption("--validation-dataset <NAME>")]
    [Description("Validate on this dataset (same features) instead of holding rows out.")]
    public string? ValidationDataset { get; set; }

    /// <summary>Seed of the hold-out hash.</summary>
    [CommandOption("--validation-seed <SEED>")]
    [Description("Seed of the row hash that picks the held-out rows.")]
    public ulong ValidationSeed { get; set; }

    /// <summary>Validation period.</summary>
    [CommandOption("--validate-every <N>")]
    [Description("Validate after every N rounds (and after the last).")]
    [DefaultValue(1)]
    public int ValidateEvery { get; set; } = 1;

    /// <summary>The watched metric.</summary>
    [CommandOption("--metric <METRIC>")]
    [Description("The validation metric early stopping watches: loss, rmse, mae, r2, explained-variance, log-loss, accuracy, precision, recall, f1, auc, macro-f1 or micro-f1. Default: rmse for regression, log-loss for logistic and softmax, accuracy for svm.")]
    public string? Metric { get; set; }

    /// <summary>Early-stopping patience.</summary>
    [CommandOption("--early-stopping <PATIENCE>")]
    [Description("Stop after PATIENCE validations without improvement and keep the best round's weights as the model (0: off).")]
    public int EarlyStopping { get; set; }

    /// <summary>Least improvement that counts.</summary>
    [CommandOption("--min-delta <D>")]
    [Description("The least change of the validation metric that counts as an improvement for --early-stopping.")]
    public double MinDelta { get; set; }

    /// <summary>A model file to start from.</summary>
    [CommandOption("--init-model <FILE>")]
    [Description("Start from this model (written by 'otrain model export') instead of zeros: same model kind, the dataset's features, the job's outputs.")]
    public string? InitModel { get; set; }

    /// <summary>Follow the job.</summary>
    [CommandOption("--watch")]
    [Description("Follow the job with a live display until it ends; exit 0 only if it completes.")]
    public bool Watch { get; set; }

    /// <summary>The model names otrain accepts: the registry's.</summary>
    public static readonly IReadOnlyDictionary<string, ModelKind> Models =
        ModelRegistry.All.ToDictionary(m => m.Name, m => m.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>The solver names otrain accepts.</summary>
    public static readonly IReadOnlyDictionary<string, SolverKind> Solvers = new Dictionary<string, SolverKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["gd"] = SolverKind.GradientDescent, ["sgd"] = SolverKind.MiniBatchSgd, ["lbfgs"] = SolverKind.Lbfgs,
        ["normal"] = SolverKind.NormalEquations, ["local-sgd"] = SolverKind.LocalSgd,
    };

    /// <summary>The update rules otrain accepts.</summary>
    public static readonly IReadOnlyDictionary<string, OptimizerKind> Optimizers = new Dictionary<string, OptimizerKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["sgd"] = OptimizerKind.Sgd, ["adagrad"] = OptimizerKind.AdaGrad, ["adam"] = OptimizerKind.Adam,
    };

    /// <summary>otrain's name of a model family.</summary>
    public static string NameOf(ModelKind model) => ModelRegistry.Of(model).Name;

    /// <summary>otrain's name of a solver.</summary>
    public static string NameOf(SolverKind solver) => Solvers.First(s => s.Value == solver).Key;

    /// <inheritdoc />
    public override ValidationResult Validate() => this switch
    {
        { Dataset: null or "" } => ValidationResult.Error("--dataset is required"),
        _ when !Models.ContainsKey(Model) => ValidationResult.Error($"--model must be one of {string.Join(", ", Models.Keys)}, not {Model}"),
        _ when !Solvers.ContainsKey(Solver) => ValidationResult.Error($"--solver must be one of {string.Join(", ", Solvers.Keys)}, not {Solver}"),
        { Parallelism: not ("data" or "block-coordinate") } => ValidationResult.Error($"--parallelism must be data or block-coordinate, not {Parallelism}"),
        { Partition: not ("range" or "hash") } => ValidationResult.Error($"--partition must be range or hash, not {Partition}"),
        _ when !Optimizers.ContainsKey(Optimizer) => ValidationResult.Error($"--optimizer must be one of {string.Join(", ", Optimizers.Keys)}, not {Optimizer}"),
        { Metric: { } metric } when MetricSupport.Parse(metric) is null =>
            ValidationResult.Error($"--metric must be one of {string.Join(", ", Enum.GetValues<MetricKind>().Select(MetricSupport.Name))}, not {metric}"),
        { ValidationFraction: { } p } when !(p > 0 && p < 1) => ValidationResult.Error($"--validation-fraction must be above 0 and below 1, not {p}"),
        { ValidationFraction: not null, ValidationDataset: not null } => ValidationResult.Error("--validation-fraction and --validation-dataset exclude each other"),
        { ValidationFraction: null, ValidationDataset: null } when EarlyStopping != 0 || Metric is not null || MinDelta != 0 || ValidateEvery != 1 =>
            ValidationResult.Error("--early-stopping, --metric, --min-delta and --validate-every need --validation-fraction or --validation-dataset"),
        { ValidateEvery: < 1 } => ValidationResult.Error($"--validate-every must be at least 1, not {ValidateEvery}"),
        { EarlyStopping: < 0 } => ValidationResult.Error($"--early-stopping must be 0 (off) or a positive patience, not {EarlyStopping}"),
        { MinDelta: var delta } when !(delta >= 0 && double.IsFinite(delta)) => ValidationResult.Error($"--min-delta must be zero or positive, not {MinDelta}"),
        _ => ValidationResult.Success(),
    };

    /// <summary>The job spec these settings describe, starting from the model of <c>--init-model</c> when given.</summary>
    public async Task<JobSpec> ToSpecAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await InitialModelOption.ApplyAsync(ToSpec(now), InitModel, cancellationToken);

    /// <summary>The job spec these settings describe, without the model of <c>--init-model</c> (<see cref="ToSpecAsync"/> reads it).</summary>
    public JobSpec ToSpec(DateTimeOffset now) => new()
    {
        Name = string.IsNullOrEmpty(Name) ? $"{Dataset}-{now:yyyyMMddHHmmss}" : Name,
        Dataset = Dataset!,
        Model = Models[Model],
        Solver = Solvers[Solver],
        Standardize = !NoStandardize,
        Parallelism = Parallelism == "block-coordinate" ? ParallelismMode.BlockCoordinate : ParallelismMode.DataParallel,
        Partition = Partition == "hash" ? WeightPartition.Hash : WeightPartition.Range,
        LearningRate = LearningRate,
        L2 = L2,
        L1 = L1,
        Momentum = Momentum,
        Nesterov = Nesterov,
        MaxRounds = MaxRounds,
        Tolerance = Tolerance,
        GradientTolerance = GradientTolerance,
        WeightBlocks = Blocks,
        BatchSize = BatchSize,
        LocalSteps = LocalSteps,
        Optimizer = Optimizers[Optimizer],
        FitIntercept = !NoIntercept,
        Classes = Classes,
        Seed = Seed,
        Validation = ValidationFraction is null && ValidationDataset is null ? null : new ValidationSpec
        {
            Fraction = ValidationFraction ?? 0,
            Dataset = ValidationDataset ?? "",
            Seed = ValidationSeed,
            Every = ValidateEvery,
            Metric = Metric is null ? null : MetricSupport.Parse(Metric),
            Patience = EarlyStopping,
            MinDelta = MinDelta,
        },
    };
}
