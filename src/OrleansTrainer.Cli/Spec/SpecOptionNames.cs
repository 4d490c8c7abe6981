using System.Text.RegularExpressions;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Cli.Spec;

/// <summary>
/// The command-line option of each <see cref="JobSpec"/> field, so that the cluster's refusals of a spec, which name
/// the C# fields (<c>Standardize = false</c>) and values (<c>GradientDescent</c>), name what an otrain user types
/// (<c>--no-standardize</c>, <c>gd</c>).
/// </summary>
public static class SpecOptionNames
{
    /// <summary>The option of each field (and of the phrases the cluster's messages use), by the C# name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Options = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Standardize = false"] = "--no-standardize",
        ["FitIntercept = false"] = "--no-intercept",
        [nameof(JobSpec.Model)] = "--model",
        [nameof(JobSpec.Solver)] = "--solver",
        [nameof(JobSpec.Classes)] = "--classes",
        [nameof(JobSpec.HuberDelta)] = "--huber-delta",
        [nameof(JobSpec.LearningRate)] = "--lr",
        [nameof(JobSpec.Schedule)] = "--schedule",
        [nameof(JobSpec.LineSearch)] = "--line-search",
        [nameof(JobSpec.LbfgsMemory)] = "--lbfgs-memory",
        [nameof(JobSpec.BatchSize)] = "--batch-size",
        [nameof(JobSpec.LocalSteps)] = "--local-steps",
        [nameof(JobSpec.Seed)] = "--seed",
        [nameof(JobSpec.L2)] = "--l2",
        [nameof(JobSpec.L1)] = "--l1",
        [nameof(JobSpec.MaxRounds)] = "--max-rounds",
        [nameof(JobSpec.Tolerance)] = "--tolerance",
        [nameof(JobSpec.GradientTolerance)] = "--gradient-tolerance",
        [nameof(JobSpec.Optimizer)] = "--optimizer",
        [nameof(JobSpec.Momentum)] = "--momentum",
        [nameof(JobSpec.Nesterov)] = "--nesterov",
        [nameof(JobSpec.Beta1)] = "--beta1",
        [nameof(JobSpec.Beta2)] = "--beta2",
        [nameof(JobSpec.Epsilon)] = "--epsilon",
        [nameof(JobSpec.Parallelism)] = "--parallelism",
        [nameof(JobSpec.WeightBlocks)] = "--blocks",
        [nameof(JobSpec.Partition)] = "--partition",
        [nameof(JobSpec.Consistency)] = "--consistency",
        [nameof(JobSpec.Staleness)] = "--staleness",
        ["Validation.Fraction"] = "--validation-fraction",
        ["Validation.Dataset"] = "--validation-dataset",
        ["Validation.Seed"] = "--validation-seed",
        ["Validation.Every"] = "--validate-every",
        ["Validation.Metric"] = "--metric",
        ["Validation.Patience"] = "--early-stopping",
        ["Validation.MinDelta"] = "--min-delta",
        ["Validation.Folds"] = "--folds",
    };

    private static readonly IReadOnlyDictionary<string, string> Replacements =
        Options.Concat(SpecNames.CSharpToCli).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    // Quoted text (job and dataset names) is kept as it is; a C# name counts only as a whole word, longest first.
    private static readonly Regex Names = new(
        "\"[^\"]*\"|(?<![\\w.])(?:" + string.Join("|", Replacements.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + ")(?!\\w|\\.\\w)",
        RegexOptions.CultureInvariant);

    /// <summary><paramref name="message"/> with every C# field and value name replaced by otrain's option and value names.</summary>
    public static string Translate(string message) =>
        Names.Replace(message, m => Replacements.TryGetValue(m.Value, out var option) ? option : m.Value);
}
