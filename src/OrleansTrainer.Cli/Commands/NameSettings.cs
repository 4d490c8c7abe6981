using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>The arguments of a command about one named dataset or job.</summary>
public sealed class NameSettings : ClusterSettings
{
    /// <summary>The dataset's or job's name.</summary>
    [CommandArgument(0, "<NAME>")]
    [Description("The dataset's or job's name.")]
    public string Name { get; set; } = "";
}
