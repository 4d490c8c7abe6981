using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Client;
using OrleansTrainer.Models.Metrics;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain sweep --try-l2 ... [--random N] [--folds k] [--halving R]</c>: a hyperparameter search over shared shards.</summary>
public sealed class SweepCommand(CliIO io) : ClusterCommand<SweepSettings>(io)
{
    /// <inheritdoc />
    protected override void CheckBeforeConnecting(SweepSettings settings)
    {
        if (settings.Out is { } path && File.Exists(path))
        {
            throw CliException.Failure($"{path} exists; choose another --out");
        }

        InitialModelOption.CheckExists(settings.InitModel);
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, SweepSettings settings, CancellationToken cancellationToken)
    {
        var spec = await settings.ToSpecAsync(DateTimeOffset.UtcNow, cancellationToken);
        SearchResult result;
        try
        {
            result = await client.SearchAsync(spec, settings.Space(), settings.Options(), cancellationToken);
        }
        catch (ArgumentException refused) when (settings.InitModel is { } modelFile && InitialModelOption.IsRefusal(refused))
        {
            throw InitialModelOption.Refusal(refused, modelFile);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            throw CliException.Failure(SpecOptionNames.Translate(error.Message));
        }

        if (settings.Out is { } path)
        {
            await (await client.GetModelAsync(result.ModelJob, cancellationToken)).SaveAsync(path, cancellationToken);
        }

        var metric = MetricSupport.Name(result.Metric);
        if (settings.Json)
        {
            JsonOutput.Write(IO, new
            {
                metric,
                higherIsBetter = result.HigherIsBetter,
                trials = result.Trials.Select(t => new { t.Index, t.Job, settings = t.Settings.ToString(), t.Score, t.Rounds, t.Rung }),
                best = result.Best.Job,
                modelJob = result.ModelJob,
                result.RoundsRun,
                model = settings.Out,
            });
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("rank", "trial", "settings", $"validation {metric}", "rounds");
        for (var rank = 0; rank < result.Trials.Count; rank++)
        {
            var trial = result.Trials[rank];
            var score = trial.CrossValidation is { } cv ? $"{Format.Number(trial.Score)} ± {Format.Number(cv.Of(result.Metric).StandardDeviation, "G3")}" : Format.Number(trial.Score);
            table.AddRow((rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(trial.Job), Markup.Escape(trial.Settings.ToString()),
                score, Format.Count(trial.Rounds));
        }

        IO.Console.Write(table);
        IO.Console.MarkupLineInterpolated($"best: [bold]{result.Best.Job}[/] ({result.Best.Settings}); {Format.Count(result.RoundsRun)} rounds run in all");
        if (settings.Out is { } written)
        {
            IO.Console.MarkupLineInterpolated($"wrote the model of job {result.ModelJob} to {written}");
        }

        return ExitCodes.Success;
    }
}
