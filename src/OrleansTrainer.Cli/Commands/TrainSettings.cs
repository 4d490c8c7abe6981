using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Spec;
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

    // The options in help order, by section (SpecSections): model, solver, penalties, stopping, optimizer, parallelism, validation.

    /// <summary>The model family.</summary>
    [CommandOption("--model <MODEL>")]
    [Description(SpecSections.Model + ": linear, logistic, softmax, huber, poisson or svm (linear SVM, squared hinge).")]
    [DefaultValue("linear")]
    public string Model { get; set; } = "linear";

    /// <summary>Fit without an intercept.</summary>
    [CommandOption("--no-intercept")]
    [Description(SpecSections.Model + ": fit no intercept (the model passes through the origin).")]
    public bool NoIntercept { get; set; }

    /// <summary>Train on the raw features.</summary>
    [CommandOption("--no-standardize")]
    [Description(SpecSections.Model + ": train on the raw features (required for sparse datasets; the optimum is the same either way).")]
    public bool NoStandardize { get; set; }

    /// <summary>Classes for softmax.</summary>
    [CommandOption("--classes <K>")]
    [Description(SpecSections.Model + ": classes for softmax (0: from the labels).")]
    public int Classes { get; set; }

    /// <summary>The Huber loss's threshold.</summary>
    [CommandOption("--huber-delta <DELTA>")]
    [Description(SpecSections.Model + ": the threshold δ of the Huber loss (huber): squared below, linear beyond.")]
    [DefaultValue(1.35)]
    public double HuberDelta { get; set; } = 1.35;

    /// <summary>The solver.</summary>
    [CommandOption("--solver <SOLVER>")]
    [Description(SpecSections.Solver + ": gd, sgd, lbfgs, normal or local-sgd.")]
    [DefaultValue("gd")]
    public string Solver { get; set; } = "gd";

    /// <summary>The learning rate.</summary>
    [CommandOption("--lr <RATE>")]
    [Description(SpecSections.Solver + ": learning rate (step size; the first trial step with --line-search).")]
    [DefaultValue(0.1)]
    public double LearningRate { get; set; } = 0.1;

    /// <summary>The learning-rate schedule.</summary>
    [CommandOption("--schedule <SCHEDULE>")]
    [Description(SpecSections.Solver + ": constant or inverse-sqrt (lr / sqrt(1 + round)).")]
    [DefaultValue("constant")]
    public string Schedule { get; set; } = "constant";

    /// <summary>Backtracking line search.</summary>
    [CommandOption("--line-search")]
    [Description(SpecSections.Solver + ": gd only: choose each step by backtracking (Armijo) line search from --lr.")]
    public bool LineSearch { get; set; }

    /// <summary>L-BFGS memory.</summary>
    [CommandOption("--lbfgs-memory <M>")]
    [Description(SpecSections.Solver + ": correction pairs lbfgs keeps.")]
    [DefaultValue(10)]
    public int LbfgsMemory { get; set; } = 10;

    /// <summary>Mini-batch size.</summary>
    [CommandOption("--batch-size <N>")]
    [Description(SpecSections.Solver + ": rows per round for sgd and local-sgd.")]
    [DefaultValue(256)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Local steps per round of local SGD.</summary>
    [CommandOption("--local-steps <N>")]
    [Description(SpecSections.Solver + ": steps each shard takes on its own rows per round of local-sgd (with --batch-size = the shard count, one row a step: shard rows ÷ … steps make an epoch).")]
    [DefaultValue(10)]
    public int LocalSteps { get; set; } = 10;

    /// <summary>Random seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description(SpecSections.Solver + ": seed of the mini-batch draws (and of --partition hash).")]
    public ulong Seed { get; set; }

    /// <summary>The L2 penalty.</summary>
    [CommandOption("--l2 <L2>")]
    [Description(SpecSections.Penalties + ": L2 penalty on the original-scale coefficients.")]
    public double L2 { get; set; }

    /// <summary>The L1 penalty.</summary>
    [CommandOption("--l1 <L1>")]
    [Description(SpecSections.Penalties + ": L1 penalty on the original-scale coefficients.")]
    public double L1 { get; set; }

    /// <summary>Round limit.</summary>
    [CommandOption("--max-rounds <N>")]
    [Description(SpecSections.Stopping + ": most rounds to run.")]
    [DefaultValue(1000)]
    public int MaxRounds { get; set; } = 1000;

    /// <summary>Stop on a small relative objective change; null takes the solver's default.</summary>
    [CommandOption("--tolerance <T>")]
    [Description(SpecSections.Stopping + ": stop when the objective's relative change falls below this; 0 disables. Default: off for lbfgs, 1e-10 for the other full-batch solvers.")]
    public double? Tolerance { get; set; }

    /// <summary>Stop on a small gradient; null takes the solver's default.</summary>
    [CommandOption("--gradient-tolerance <T>")]
    [Description(SpecSections.Stopping + ": stop on a small gradient; 0 disables. lbfgs and gd with line search: the gradient's largest component relative to the start's, default 1e-10; the others: the gradient's norm, default off.")]
    public double? GradientTolerance { get; set; }

    /// <summary>The per-coordinate update rule.</summary>
    [CommandOption("--optimizer <RULE>")]
    [Description(SpecSections.Optimizer + ": sgd, adagrad or adam: the blocks' update rule in gd and sgd rounds (local-sgd steps are plain SGD).")]
    [DefaultValue("sgd")]
    public string Optimizer { get; set; } = "sgd";

    /// <summary>Momentum.</summary>
    [CommandOption("--momentum <M>")]
    [Description(SpecSections.Optimizer + ": heavy-ball momentum, at least 0 and below 1.")]
    public double Momentum { get; set; }

    /// <summary>Nesterov momentum.</summary>
    [CommandOption("--nesterov")]
    [Description(SpecSections.Optimizer + ": Nesterov momentum (needs --momentum).")]
    public bool Nesterov { get; set; }

    /// <summary>Adam's first-moment decay.</summary>
    [CommandOption("--beta1 <B1>")]
    [Description(SpecSections.Optimizer + ": adam's first-moment decay, at least 0 and below 1.")]
    [DefaultValue(0.9)]
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Adam's second-moment decay.</summary>
    [CommandOption("--beta2 <B2>")]
    [Description(SpecSections.Optimizer + ": adam's second-moment decay, at least 0 and below 1.")]
    [DefaultValue(0.999)]
    public double Beta2 { get; set; } = 0.999;

    /// <summary>AdaGrad's and Adam's denominator guard.</summary>
    [CommandOption("--epsilon <EPS>")]
    [Description(SpecSections.Optimizer + ": adagrad's and adam's denominator guard, positive.")]
    [DefaultValue(1e-8)]
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>How the work is split.</summary>
    [CommandOption("--parallelism <MODE>")]
    [Description(SpecSections.Parallelism + ": data or block-coordinate (model parallelism: least squares, ridge, lasso).")]
    [DefaultValue("data")]
    public string Parallelism { get; set; } = "data";

    /// <summary>Weight blocks.</summary>
    [CommandOption("--blocks <B>")]
    [Description(SpecSections.Parallelism + ": how many weight blocks hold the parameters.")]
    [DefaultValue(1)]
    public int Blocks { get; set; } = 1;

    /// <summary>Which features each weight block owns.</summary>
    [CommandOption("--partition <PARTITION>")]
    [Description(SpecSections.Parallelism + ": range (contiguous feature ranges) or hash (features spread over the blocks by a hash of their index; sparse datasets).")]
    [DefaultValue("range")]
    public string Partition { get; set; } = "range";

    /// <summary>How strictly shards wait for each other.</summary>
    [CommandOption("--consistency <MODE>")]
    [Description(SpecSections.Parallelism + ": bsp (every round from the previous round's weights; deterministic), ssp (stale-synchronous, up to --staleness rounds ahead) or async (no waiting; not deterministic). gd, sgd and local-sgd.")]
    [DefaultValue("bsp")]
    public string Consistency { get; set; } = "bsp";

    /// <summary>The SSP bound.</summary>
    [CommandOption("--staleness <K>")]
    [Description(SpecSections.Parallelism + ": with --consistency ssp, how many rounds a shard may run ahead of the slowest (0 is bsp, bit for bit).")]
    public int Staleness { get; set; }

    /// <summary>Share of rows held out for validation.</summary>
    [CommandOption("--validation-fraction <P>")]
    [Description(SpecSections.Validation + ": hold out this share of the rows (0 < P < 1, by a seeded hash of the row number: the same rows for any shard count) and report validation metrics.")]
    public double? ValidationFraction { get; set; }

    /// <summary>A separate validation dataset.</summary>
    [CommandOption("--validation-dataset <NAME>")]
    [Description(SpecSections.Validation + ": validate on this dataset (same features) instead of holding rows out.")]
    public string? ValidationDataset { get; set; }

    /// <summary>Seed of the hold-out hash.</summary>
    [CommandOption("--validation-seed <SEED>")]
    [Description(SpecSections.Validation + ": seed of the row hash that picks the held-out rows.")]
    public ulong ValidationSeed { get; set; }

    /// <summary>Validation period.</summary>
    [CommandOption("--validate-every <N>")]
    [Description(SpecSections.Validation + ": validate after every N rounds (and after the last).")]
    [DefaultValue(1)]
    public int ValidateEvery { get; set; } = 1;

    /// <summary>The watched metric.</summary>
    [CommandOption("--metric <METRIC>")]
    [Description(SpecSections.Validation + ": the metric early stopping watches: loss, rmse, mae, r2, explained-variance, log-loss, accuracy, precision, recall, f1, auc, macro-f1 or micro-f1. Default: rmse for regression, log-loss for logistic and softmax, accuracy for svm.")]
    public string? Metric { get; set; }

    /// <summary>Early-stopping patience.</summary>
    [CommandOption("--early-stopping <PATIENCE>")]
    [Description(SpecSections.Validation + ": stop after PATIENCE validations without improvement and keep the best round's weights as the model (0: off).")]
    public int EarlyStopping { get; set; }

    /// <summary>Least improvement that counts.</summary>
    [CommandOption("--min-delta <D>")]
    [Description(SpecSections.Validation + ": the least change of the validation metric that counts as an improvement for --early-stopping.")]
    public double MinDelta { get; set; }

    /// <summary>A model file to start from.</summary>
    [CommandOption("--init-model <FILE>")]
    [Description("Start from this model (written by 'otrain model export') instead of zeros: same model kind, the dataset's features, the job's outputs.")]
    public string? InitModel { get; set; }

    /// <summary>Follow the job.</summary>
    [CommandOption("--watch")]
    [Description("Follow the job with a live display until it ends; exit 0 only if it completes.")]
    public bool Watch { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() => this switch
    {
        { Dataset: null or "" } => ValidationResult.Error("--dataset is required"),
        { Name: "" } => ValidationResult.Error("--name must not be empty; leave it out for a name from the dataset and the time"),
        _ when !SpecNames.Models.ContainsKey(Model) => OneOf("--model", SpecNames.Models, Model),
        _ when !SpecNames.Solvers.ContainsKey(Solver) => OneOf("--solver", SpecNames.Solvers, Solver),
        _ when !SpecNames.Schedules.ContainsKey(Schedule) => OneOf("--schedule", SpecNames.Schedules, Schedule),
        _ when !SpecNames.Optimizers.ContainsKey(Optimizer) => OneOf("--optimizer", SpecNames.Optimizers, Optimizer),
        _ when !SpecNames.Parallelism.ContainsKey(Parallelism) => OneOf("--parallelism", SpecNames.Parallelism, Parallelism),
        _ when !SpecNames.Partitions.ContainsKey(Partition) => OneOf("--partition", SpecNames.Partitions, Partition),
        _ when !SpecNames.Consistency.ContainsKey(Consistency) => OneOf("--consistency", SpecNames.Consistency, Consistency),
        { Staleness: not 0 } when SpecNames.Consistency[Consistency] != ConsistencyMode.Ssp => ValidationResult.Error("--staleness needs --consistency ssp"),
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

    private static ValidationResult OneOf<T>(string option, IReadOnlyDictionary<string, T> names, string value) =>
        ValidationResult.Error($"{option} must be one of {SpecNames.List(names)}, not {value}");

    /// <summary>The job spec these settings describe, starting from the model of <c>--init-model</c> when given.</summary>
    public async Task<JobSpec> ToSpecAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await InitialModelOption.ApplyAsync(ToSpec(now), InitModel, cancellationToken);

    /// <summary>The job spec these settings describe, without the model of <c>--init-model</c> (<see cref="ToSpecAsync"/> reads it).</summary>
    public JobSpec ToSpec(DateTimeOffset now) => new()
    {
        Name = string.IsNullOrEmpty(Name) ? $"{Dataset}-{now:yyyyMMddHHmmss}" : Name,
        Dataset = Dataset!,
        Model = SpecNames.Models[Model],
        Solver = SpecNames.Solvers[Solver],
        Standardize = !NoStandardize,
        HuberDelta = HuberDelta,
        Parallelism = SpecNames.Parallelism[Parallelism],
        Partition = SpecNames.Partitions[Partition],
        Consistency = SpecNames.Consistency[Consistency],
        Staleness = Staleness,
        LearningRate = LearningRate,
        Schedule = SpecNames.Schedules[Schedule],
        LineSearch = LineSearch,
        LbfgsMemory = LbfgsMemory,
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
        Optimizer = SpecNames.Optimizers[Optimizer],
        Beta1 = Beta1,
        Beta2 = Beta2,
        Epsilon = Epsilon,
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
