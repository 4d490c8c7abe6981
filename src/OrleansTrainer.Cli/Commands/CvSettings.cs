using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>The arguments of <c>otrain cv</c>: a job spec and the folds.</summary>
public sealed class CvSettings : TrainSettings
{
    /// <summary>The number of folds.</summary>
    [CommandOption("--folds <K>")]
    [Description("Folds k (at least 2): fold f's job trains on the other folds' rows and validates on fold f's.")]
    [DefaultValue(5)]
    public int Folds { get; set; } = 5;

    /// <summary>Seed of the fold assignment.</summary>
    [CommandOption("--fold-seed <SEED>")]
    [Description("Seed of the row hash that assigns the folds.")]
    public ulong FoldSeed { get; set; }

    /// <summary>Train on every row afterwards.</summary>
    [CommandOption("--refit")]
    [Description("After the folds, train the same spec on every row under the job's name.")]
    public bool Refit { get; set; }

    /// <summary>Concurrent fold jobs.</summary>
    [CommandOption("--parallel <N>")]
    [Description("The most fold jobs running at once (0: all).")]
    public int Parallel { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var result = base.Validate();
        return !result.Successful ? result
            : Folds < 2 ? ValidationResult.Error($"--folds must be at least 2, not {Folds}")
            : Parallel < 0 ? ValidationResult.Error($"--parallel must be 0 (all) or positive, not {Parallel}")
            : ValidationFraction is not null || ValidationDataset is not null ? ValidationResult.Error("cv chooses the validation rows itself: drop --validation-fraction and --validation-dataset")
            : ValidationResult.Success();
    }
}
