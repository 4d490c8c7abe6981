using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Cli.Spec;

/// <summary>
/// Every setting of a job spec under its otrain option's name (without the dashes; <c>intercept</c> and
/// <c>standardize</c> for <c>--no-intercept</c> and <c>--no-standardize</c>), grouped by <see cref="SpecSections"/>:
/// what <c>job show</c> prints and what <c>--json</c> writes. A null tolerance is the solver's default.
/// </summary>
public static class SpecView
{
    /// <summary>The sections of <paramref name="spec"/>, each its settings in option order.</summary>
    public static OrderedDictionary<string, OrderedDictionary<string, object?>> From(JobSpec spec)
    {
        var sections = new OrderedDictionary<string, OrderedDictionary<string, object?>>
        {
            [SpecSections.Model] = new()
            {
                ["model"] = SpecNames.NameOf(spec.Model), ["intercept"] = spec.FitIntercept, ["standardize"] = spec.Standardize,
                ["classes"] = spec.Classes, ["huber-delta"] = spec.HuberDelta,
            },
            [SpecSections.Solver] = new()
            {
                ["solver"] = SpecNames.NameOf(spec.Solver), ["lr"] = spec.LearningRate, ["schedule"] = SpecNames.NameOf(spec.Schedule),
                ["line-search"] = spec.LineSearch, ["lbfgs-memory"] = spec.LbfgsMemory, ["batch-size"] = spec.BatchSize,
                ["local-steps"] = spec.LocalSteps, ["seed"] = spec.Seed,
            },
            [SpecSections.Penalties] = new() { ["l2"] = spec.L2, ["l1"] = spec.L1 },
            [SpecSections.Stopping] = new()
            {
                ["max-rounds"] = spec.MaxRounds, ["tolerance"] = spec.Tolerance, ["gradient-tolerance"] = spec.GradientTolerance,
            },
            [SpecSections.Optimizer] = new()
            {
                ["optimizer"] = SpecNames.NameOf(spec.Optimizer), ["momentum"] = spec.Momentum, ["nesterov"] = spec.Nesterov,
                ["beta1"] = spec.Beta1, ["beta2"] = spec.Beta2, ["epsilon"] = spec.Epsilon,
            },
            [SpecSections.Parallelism] = new()
            {
                ["parallelism"] = SpecNames.NameOf(spec.Parallelism), ["blocks"] = spec.WeightBlocks, ["partition"] = SpecNames.NameOf(spec.Partition),
                ["consistency"] = SpecNames.NameOf(spec.Consistency), ["staleness"] = spec.Staleness,
            },
        };
        if (spec.Validation is { } v)
        {
            sections[SpecSections.Validation] = new()
            {
                ["validation-fraction"] = v.Fraction, ["validation-dataset"] = v.Dataset, ["folds"] = v.Folds, ["fold"] = v.Fold,
                ["validation-seed"] = v.Seed, ["validate-every"] = v.Every,
                ["metric"] = v.Metric is { } metric ? MetricSupport.Name(metric) : null,
                ["early-stopping"] = v.Patience, ["min-delta"] = v.MinDelta,
            };
        }

        return sections;
    }

    /// <summary>One section's settings as a line: <c>lr 0.1, schedule constant, line-search off, ...</c>.</summary>
    public static string Line(OrderedDictionary<string, object?> settings) =>
        string.Join(", ", settings.Select(s => $"{s.Key} {Value(s.Value)}"));

    private static string Value(object? value) => value switch
    {
        null => "default",
        bool on => on ? "on" : "off",
        "" => "-",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
