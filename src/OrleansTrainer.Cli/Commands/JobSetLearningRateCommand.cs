using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain job set-lr JOB RATE</c>.</summary>
public sealed class JobSetLearningRateCommand(CliIO io) : JobControlCommand<JobSetLearningRateCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>The job.</summary>
        [CommandArgument(0, "<JOB>")]
        [Description("The job's name.")]
        public string Name { get; set; } = "";

        /// <summary>The new learning rate.</summary>
        [CommandArgument(1, "<RATE>")]
        [Description("The new learning rate (a positive number).")]
        public double Rate { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            double.IsFinite(Rate) && Rate > 0 ? ValidationResult.Success() : ValidationResult.Error($"the learning rate must be a positive number, not {Rate}");
    }

    /// <inheritdoc />
    protected override string JobName(Settings settings) => settings.Name;

    /// <inheritdoc />
    protected override Task<JobStatusInfo> ApplyAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken) =>
        client.SetLearningRateAsync(settings.Name, settings.Rate, cancellationToken);
}
