using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Commands;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Spec;

namespace OrleansTrainer.Cli.Tests;

/// <summary>Every job spec setting has an option, a place in <c>job show</c>, and a name in the cluster's error messages.</summary>
public sealed class SpecOptionsTests
{
    // The fields a user sets with other means than one option each: names, the validation split, the initial model.
    private static readonly string[] NotOptions = [nameof(JobSpec.Name), nameof(JobSpec.Dataset), nameof(JobSpec.Validation), nameof(JobSpec.InitialModel)];

    // The options that switch a default off, and the key job show gives them.
    private static readonly Dictionary<string, string> Negated = new()
    {
        [nameof(JobSpec.Standardize)] = "standardize", [nameof(JobSpec.FitIntercept)] = "intercept",
    };

    private static IEnumerable<string> Fields => typeof(JobSpec).GetProperties().Select(p => p.Name).Where(n => !NotOptions.Contains(n));

    [Fact]
    public void The_defaults_of_the_options_are_the_job_specs()
    {
        var spec = new TrainSettings { Dataset = "d" }.ToSpec(DateTimeOffset.UnixEpoch);
        Assert.Equal(new JobSpec { Name = spec.Name, Dataset = "d" }, spec);
    }

    [Fact]
    public void Consistency_line_search_schedule_memory_huber_and_adam_options_become_the_job_spec()
    {
        var settings = new TrainSettings
        {
            Dataset = "d", Consistency = "SSP", Staleness = 2, LineSearch = true, Schedule = "inverse-sqrt", LbfgsMemory = 5, HuberDelta = 2.5,
            Optimizer = "adam", Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6,
        };
        Assert.True(settings.Validate().Successful, settings.Validate().Message);

        var spec = settings.ToSpec(DateTimeOffset.UnixEpoch);

        Assert.Equal((ConsistencyMode.Ssp, 2, true, LearningRateScheduleKind.InverseSqrt, 5, 2.5), (spec.Consistency, spec.Staleness, spec.LineSearch, spec.Schedule, spec.LbfgsMemory, spec.HuberDelta));
        Assert.Equal((OptimizerKind.Adam, 0.8, 0.99, 1e-6), (spec.Optimizer, spec.Beta1, spec.Beta2, spec.Epsilon));
    }

    [Theory]
    [InlineData("--consistency", "eventual", "--consistency must be one of bsp, ssp, async, not eventual")]
    [InlineData("--schedule", "cosine", "--schedule must be one of constant, inverse-sqrt, not cosine")]
    [InlineData("--staleness", "3", "--staleness needs --consistency ssp")]
    [InlineData("--lbfgs-memory", "many", "many")]
    public async Task Wrong_values_are_usage_errors_naming_the_option(string option, string value, string message)
    {
        var run = await Otrain.RunAsync("train", "--dataset", "d", option, value, "--cluster", "127.0.0.1:1");
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Train_help_lists_every_option_of_the_spec_by_section()
    {
        var help = (await Otrain.RunAsync("train", "--help")).Output;
        string[] sections = [SpecSections.Model, SpecSections.Solver, SpecSections.Penalties, SpecSections.Stopping, SpecSections.Optimizer, SpecSections.Parallelism, SpecSections.Validation];
        var firsts = sections.Select(s => help.IndexOf($" {s}: ", StringComparison.Ordinal)).ToArray();
        Assert.All(firsts, i => Assert.True(i > 0));
        Assert.Equal(firsts.Order(), firsts);

        var cvHelp = (await Otrain.RunAsync("cv", "--help")).Output;
        foreach (var (_, option) in SpecOptionNames.Options)
        {
            Assert.Contains(option, option == "--folds" ? cvHelp : help);
        }

        Assert.All(Fields.Where(f => !Negated.ContainsKey(f)), f => Assert.True(SpecOptionNames.Options.ContainsKey(f), $"no option for JobSpec.{f}"));
    }

    [Fact]
    public void Job_show_has_every_setting_of_the_spec_under_its_options_name()
    {
        var keys = SpecView.From(new JobSpec { Name = "j", Dataset = "d", Validation = new ValidationSpec { Fraction = 0.2 } })
            .SelectMany(section => section.Value.Keys).ToHashSet();
        foreach (var field in Fields)
        {
            var key = Negated.TryGetValue(field, out var negated) ? negated : SpecOptionNames.Options[field][2..];
            Assert.True(keys.Contains(key), $"job show lacks JobSpec.{field} ({key})");
        }

        foreach (var field in new[] { "Fraction", "Dataset", "Seed", "Every", "Metric", "Patience", "MinDelta", "Folds" })
        {
            Assert.Contains(SpecOptionNames.Options[$"Validation.{field}"][2..], keys);
        }
    }

    [Theory]
    [InlineData("Job \"clicks\": dataset \"clicks\" is sparse: set Standardize = false (centring would make every row dense).",
        "Job \"clicks\": dataset \"clicks\" is sparse: set --no-standardize (centring would make every row dense).")]
    [InlineData("Job \"j\": Nesterov needs a Momentum above 0.", "Job \"j\": --nesterov needs a --momentum above 0.")]
    [InlineData("Job \"j\": LineSearch applies to the GradientDescent solver only.", "Job \"j\": --line-search applies to the gd solver only.")]
    [InlineData("Job \"j\": Validation.Fraction must be in (0, 1), not 2.", "Job \"j\": --validation-fraction must be in (0, 1), not 2.")]
    [InlineData("Job \"L2\": Beta1 and Beta2 must be in [0, 1), not 1 and 0.5.", "Job \"L2\": --beta1 and --beta2 must be in [0, 1), not 1 and 0.5.")]
    [InlineData("Job \"j\": the normal equations solve least squares and ridge only, not HuberRegression.",
        "Job \"j\": the normal equations solve least squares and ridge only, not huber.")]
    public void The_clusters_refusals_name_options_and_values_as_otrain_does(string message, string expected) =>
        Assert.Equal(expected, SpecOptionNames.Translate(message));
}
