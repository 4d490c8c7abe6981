using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain dataset delete NAME</c>.</summary>
public sealed class DatasetDeleteCommand(CliIO io) : ClusterCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken)
    {
        var info = await client.GetDatasetAsync(settings.Name, cancellationToken);
        if (info.Status == DatasetStatus.None)
        {
            throw CliException.NotFound($"dataset {settings.Name} does not exist");
        }

        await client.DeleteDatasetAsync(settings.Name, cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(IO, new { deleted = settings.Name });
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"deleted dataset [bold]{settings.Name}[/]");
        }

        return ExitCodes.Success;
    }
}
