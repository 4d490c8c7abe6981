using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain job delete JOB</c>: deletes a finished job and everything it owns; refused while it runs or is paused.</summary>
public sealed class JobDeleteCommand(CliIO io) : ClusterCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteJobAsync(settings.Name, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            throw CliException.NotFound($"job {settings.Name} does not exist");
        }
        catch (InvalidOperationException refused)
        {
            throw CliException.Failure(refused.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, new { deleted = settings.Name });
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"deleted job [bold]{settings.Name}[/]");
        }

        return ExitCodes.Success;
    }
}
