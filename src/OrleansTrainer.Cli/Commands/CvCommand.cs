using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Client;
using OrleansTrainer.Models;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain cv --folds k ...</c>: k-fold cross-validation of a job spec over the dataset's shared shards.</summary>
public sealed class CvCommand(CliIO io) : ClusterCommand<CvSettings>(io)
{
    /// <inheritdoc />
    protected override void CheckBeforeConnecting(CvSettings settings) => InitialModelOption.CheckExists(settings.InitModel);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, CvSettings settings, CancellationToken cancellationToken)
    {
        var spec = await settings.ToSpecAsync(DateTimeOffset.UtcNow, cancellationToken);
        CrossValidationResult result;
        try
        {
            result = await client.CrossValidateAsync(spec, new CrossValidationOptions
            {
                Folds = settings.Folds, Seed = settings.FoldSeed, Refit = settings.Refit, MaxConcurrentJobs = settings.Parallel,
            }, cancellationToken);
        }
        catch (ArgumentException refused) when (settings.InitModel is { } modelFile && InitialModelOption.IsRefusal(refused))
        {
            throw InitialModelOption.Refusal(refused, modelFile);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            throw CliException.Failure(SpecOptionNames.Translate(error.Message));
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, new { job = spec.Name, result.Folds, validation = Named(result.Validation), train = Named(result.Train), refitJob = result.RefitJob });
            return ExitCodes.Success;
        }

        var folds = new Table().AddColumns("fold", "job", "rounds", "validation", "train");
        foreach (var fold in result.Folds)
        {
            folds.AddRow(fold.Fold.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(fold.Job), Format.Count(fold.Rounds),
                Markup.Escape(Format.Metrics(fold.Validation)), Markup.Escape(Format.Metrics(fold.Train)));
        }

        IO.Console.Write(folds);
        var summary = new Table().AddColumns("metric", "validation mean ± sd", "train mean ± sd");
        foreach (var metric in result.Validation)
        {
            var train = result.Train.FirstOrDefault(t => t.Metric == metric.Metric);
            summary.AddRow(MetricSupport.Name(metric.Metric), $"{Format.Number(metric.Mean)} ± {Format.Number(metric.StandardDeviation, "G3")}",
                train is null ? "-" : $"{Format.Number(train.Mean)} ± {Format.Number(train.StandardDeviation, "G3")}");
        }

        IO.Console.Write(summary);
        if (result.RefitJob is { } refit)
        {
            IO.Console.MarkupLineInterpolated($"refit on every row: job [bold]{refit}[/]; export it with: otrain model export {refit} --out model.json");
        }

        return ExitCodes.Success;
    }

    private static Dictionary<string, object> Named(IReadOnlyList<MetricSummary> summaries) =>
        summaries.ToDictionary(s => MetricSupport.Name(s.Metric), s => (object)new { mean = s.Mean, sd = s.StandardDeviation });
}
