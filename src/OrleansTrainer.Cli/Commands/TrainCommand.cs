using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain train --dataset N --model ... --solver ... [--watch]</c>.</summary>
public sealed class TrainCommand(CliIO io) : ClusterCommand<TrainSettings>(io)
{
    /// <inheritdoc />
    protected override void CheckBeforeConnecting(TrainSettings settings) => InitialModelOption.CheckExists(settings.InitModel);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, TrainSettings settings, CancellationToken cancellationToken)
    {
        if ((await client.GetDatasetAsync(settings.Dataset!, cancellationToken)).Status == DatasetStatus.None)
        {
            throw CliException.NotFound($"dataset {settings.Dataset} does not exist");
        }

        var spec = await settings.ToSpecAsync(DateTimeOffset.UtcNow, cancellationToken);
        JobStatusInfo started;
        try
        {
            started = await client.StartJobAsync(spec, cancellationToken);
        }
        catch (ArgumentException refused) when (settings.InitModel is { } modelFile && InitialModelOption.IsRefusal(refused))
        {
            throw InitialModelOption.Refusal(refused, modelFile);
        }
        catch (ArgumentException refused)
        {
            throw CliException.Usage(SpecOptionNames.Translate(refused.Message));
        }

        if (!settings.Watch)
        {
            if (settings.Json)
            {
                JsonOutput.Write(IO, JobView.From(started));
            }
            else
            {
                IO.Console.MarkupLineInterpolated($"started job [bold]{spec.Name}[/] ({spec.Model}, {spec.Solver}) on dataset {spec.Dataset}; follow it with: otrain job show {spec.Name}");
            }

            return ExitCodes.Success;
        }

        JobStatusInfo final;
        try
        {
            final = settings.Json
                ? await WatchAsJsonAsync(client, spec.Name, cancellationToken)
                : await new TrainingProgress(IO.Console).WatchAsync(client, spec, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            IO.Error.WriteLine($"otrain: stopped watching; job {spec.Name} runs on (otrain job show {spec.Name} follows it, otrain job cancel {spec.Name} stops it)");
            throw;
        }

        if (settings.Json)
        {
            JsonOutput.WriteLine(IO, JobView.From(final));
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"job [bold]{final.Name}[/] {final.Status} after {final.Round} rounds: {final.Reason}");
        }

        return final.Status == JobStatus.Completed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private async Task<JobStatusInfo> WatchAsJsonAsync(TrainerClient client, string job, CancellationToken cancellationToken)
    {
        await foreach (var round in client.WatchAsync(job, cancellationToken: cancellationToken))
        {
            JsonOutput.WriteLine(IO, round);
        }

        return await client.GetJobAsync(job, cancellationToken);
    }
}
