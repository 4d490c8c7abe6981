using System.Globalization;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain job list</c>.</summary>
public sealed class JobListCommand(CliIO io) : ClusterCommand<ClusterSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var jobs = (await client.ListJobsAsync(cancellationToken)).Select(JobView.From).ToArray();
        if (settings.Json)
        {
            JsonOutput.Write(IO, jobs);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("job", "status", "round", "dataset", "model", "solver", "objective");
        foreach (var j in jobs)
        {
            table.AddRow(Markup.Escape(j.Name), j.Status.ToString(), j.Round.ToString(CultureInfo.InvariantCulture), Markup.Escape(j.Dataset),
                j.Model ?? "-", j.Solver ?? "-",
                Format.Number(j.LastObjective));
        }

        IO.Console.Write(table);
        return ExitCodes.Success;
    }
}
