using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using OrleansTrainer.Models.Metrics;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// The live display of <c>otrain train --watch</c>: round, loss, gradient norm, the latest validation of the watched
/// metric, and an ETA against the round limit.
/// </summary>
internal sealed class TrainingProgress(IAnsiConsole console)
{
    private string _validation = "";

    /// <summary>Follows the job to its end and returns its final state.</summary>
    public async Task<JobStatusInfo> WatchAsync(TrainerClient client, JobSpec spec, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await WatchAsLinesAsync(client, spec, cancellationToken);
        }

        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"job {Markup.Escape(spec.Name)}: starting", maxValue: spec.MaxRounds);
                await foreach (var round in client.WatchAsync(spec.Name, cancellationToken: cancellationToken))
                {
                    task.Description = Markup.Escape(Line(spec, round));
                    task.Value = round.Round + 1;
                }

                task.Value = task.MaxValue;
            });
        return await client.GetJobAsync(spec.Name, cancellationToken);
    }

    /// <summary>Without a terminal to redraw (output to a file or a pipe): one line per second of training, and the last round.</summary>
    private async Task<JobStatusInfo> WatchAsLinesAsync(TrainerClient client, JobSpec spec, CancellationToken cancellationToken)
    {
        var printed = DateTimeOffset.MinValue;
        RoundMetrics? last = null;
        await foreach (var round in client.WatchAsync(spec.Name, cancellationToken: cancellationToken))
        {
            last = round;
            if (DateTimeOffset.UtcNow - printed >= TimeSpan.FromSeconds(1))
            {
                Print(round);
                printed = DateTimeOffset.UtcNow;
                last = null;
            }
        }

        if (last is not null)
        {
            Print(last);
        }

        return await client.GetJobAsync(spec.Name, cancellationToken);

        void Print(RoundMetrics round) => console.WriteLine($"{Line(spec, round)}  elapsed {Format.Number(round.ElapsedMilliseconds / 1000, "F1")} s");
    }

    /// <summary>A round as one line: round, loss, gradient norm, and the latest validation of the watched metric.</summary>
    private string Line(JobSpec spec, RoundMetrics round)
    {
        if (spec.Validation is not null && round.Validation is { } measured)
        {
            var metric = EvaluationAccumulator.WatchedMetric(spec);
            _validation = $"  validation {MetricSupport.Name(metric)} {Format.Number(measured.Value(metric) ?? double.NaN)}";
        }

        return $"round {round.Round + 1}/{spec.MaxRounds}  loss {Format.Number(round.Loss)}  |grad| {Format.Number(round.GradientNorm, "E2")}{_validation}";
    }
}
