using System.ComponentModel;
using System.Globalization;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>The arguments of <c>otrain sweep</c>: a base job spec, the values to try, and how.</summary>
public sealed class SweepSettings : TrainSettings
{
    /// <summary>L2 values.</summary>
    [CommandOption("--try-l2 <VALUES>")]
    [Description("L2 penalties to try, comma-separated.")]
    public string? TryL2 { get; set; }

    /// <summary>L1 values.</summary>
    [CommandOption("--try-l1 <VALUES>")]
    [Description("L1 penalties to try, comma-separated.")]
    public string? TryL1 { get; set; }

    /// <summary>Elastic-net strengths.</summary>
    [CommandOption("--try-alpha <VALUES>")]
    [Description("Elastic-net strengths α to try (with --try-l1-ratio: L1 = α·ρ, L2 = α·(1 − ρ)).")]
    public string? TryAlpha { get; set; }

    /// <summary>Elastic-net mixes.</summary>
    [CommandOption("--try-l1-ratio <VALUES>")]
    [Description("Elastic-net mixes ρ in [0, 1] to try.")]
    public string? TryL1Ratio { get; set; }

    /// <summary>Learning rates.</summary>
    [CommandOption("--try-lr <VALUES>")]
    [Description("Learning rates to try.")]
    public string? TryLearningRate { get; set; }

    /// <summary>Batch sizes.</summary>
    [CommandOption("--try-batch-size <VALUES>")]
    [Description("Mini-batch sizes to try.")]
    public string? TryBatchSize { get; set; }

    /// <summary>Update rules.</summary>
    [CommandOption("--try-optimizer <VALUES>")]
    [Description("Update rules to try: sgd, adagrad, adam.")]
    public string? TryOptimizer { get; set; }

    /// <summary>Random search.</summary>
    [CommandOption("--random <TRIALS>")]
    [Description("Try this many combinations drawn at random (seeded by --search-seed) instead of the whole grid.")]
    public int? RandomTrials { get; set; }

    /// <summary>Seed of the draws.</summary>
    [CommandOption("--search-seed <SEED>")]
    [Description("Seed of the random draws and of the fold assignment.")]
    public ulong SearchSeed { get; set; }

    /// <summary>Concurrent jobs.</summary>
    [CommandOption("--parallel <N>")]
    [Description("The most jobs running at once.")]
    [DefaultValue(4)]
    public int Parallel { get; set; } = 4;

    /// <summary>Cross-validated trials.</summary>
    [CommandOption("--folds <K>")]
    [Description("Judge each trial by k-fold cross-validation (instead of --validation-fraction / --validation-dataset).")]
    public int Folds { get; set; }

    /// <summary>Refit the best settings.</summary>
    [CommandOption("--refit")]
    [Description("With --folds: train the best settings on every row afterwards, under the job's name.")]
    public bool Refit { get; set; }

    /// <summary>Successive halving.</summary>
    [CommandOption("--halving <MIN_ROUNDS>")]
    [Description("Successive halving: every trial runs MIN_ROUNDS rounds, the best 1/η go on to η times as many, up to --max-rounds.")]
    public int? HalvingMinRounds { get; set; }

    /// <summary>The halving factor.</summary>
    [CommandOption("--halving-factor <ETA>")]
    [Description("The factor η of --halving.")]
    [DefaultValue(3)]
    public int HalvingFactor { get; set; } = 3;

    /// <summary>Where to write the best model.</summary>
    [CommandOption("--out <FILE>")]
    [Description("Write the best trial's model (or the refit's) to this JSON file.")]
    public string? Out { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }

        try
        {
            _ = Space();
            return ValidationResult.Success();
        }
        catch (FormatException error)
        {
            return ValidationResult.Error(error.Message);
        }
    }

    /// <summary>The search space the --try options describe.</summary>
    /// <exception cref="FormatException">A value is not a number or an update rule.</exception>
    public SearchSpace Space() => new()
    {
        L2 = Numbers("--try-l2", TryL2),
        L1 = Numbers("--try-l1", TryL1),
        Penalty = Numbers("--try-alpha", TryAlpha),
        L1Ratio = Numbers("--try-l1-ratio", TryL1Ratio),
        LearningRate = Numbers("--try-lr", TryLearningRate),
        BatchSize = Numbers("--try-batch-size", TryBatchSize).Select(v => v == Math.Floor(v) && v is >= 1 and <= int.MaxValue
            ? (int)v : throw new FormatException($"--try-batch-size: {v} is not a whole number of rows")).ToArray(),
        Optimizer = Split(TryOptimizer).Select(o => SpecNames.Optimizers.TryGetValue(o, out var rule)
            ? rule : throw new FormatException($"--try-optimizer: {o} is not one of {SpecNames.List(SpecNames.Optimizers)}")).ToArray(),
    };

    /// <summary>The search options these settings describe.</summary>
    public SearchOptions Options() => new()
    {
        Strategy = RandomTrials is null ? SearchStrategy.Grid : SearchStrategy.Random,
        Trials = RandomTrials ?? 0,
        Seed = SearchSeed,
        MaxConcurrentJobs = Parallel,
        Folds = Folds,
        Refit = Refit,
        Halving = HalvingMinRounds is { } rounds ? new HalvingOptions { MinRounds = rounds, Factor = HalvingFactor } : null,
    };

    private static double[] Numbers(string option, string? values) => Split(values)
        .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : throw new FormatException($"{option}: {v} is not a number"))
        .ToArray();

    private static string[] Split(string? values) =>
        values is null ? [] : values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
