using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain job show JOB</c>: status, every setting of its spec, history and the last round's metrics.</summary>
public sealed class JobShowCommand(CliIO io) : ClusterCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken)
    {
        var info = await JobLookup.RequireAsync(client, settings.Name, cancellationToken);
        var last = info.Round > 0 ? (await client.GetMetricsAsync(settings.Name, info.Round - 1, 1, cancellationToken)).FirstOrDefault() : null;
        var view = JobView.From(info);
        if (settings.Json)
        {
            JsonOutput.Write(IO, new { job = view, lastRound = last });
            return ExitCodes.Success;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("job", Markup.Escape(view.Name));
        grid.AddRow("status", Markup.Escape(view.Reason.Length > 0 ? $"{view.Status}: {view.Reason}" : view.Status.ToString()));
        grid.AddRow("round", view.Round.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("dataset", Markup.Escape(view.Dataset));
        foreach (var (section, values) in view.Spec ?? [])
        {
            grid.AddRow(section, Markup.Escape(SpecView.Line(values)));
        }

        grid.AddRow("objective", Format.Number(view.LastObjective));
        grid.AddRow("elapsed", view.ElapsedSeconds is { } s ? Format.Number(s, "F1") + " s" : "-");
        if (last is not null)
        {
            grid.AddRow("last round", Markup.Escape(
                $"loss {Format.Number(last.Loss)}, |grad| {Format.Number(last.GradientNorm, "E2")}; {Format.Number(last.RoundMilliseconds, "F1")} ms: " +
                $"pull {Format.Number(last.PullMilliseconds, "F1")}, compute {Format.Number(last.ComputeMilliseconds, "F1")}, push {Format.Number(last.PushMilliseconds, "F1")}, commit {Format.Number(last.CommitMilliseconds, "F1")}"));
        }

        if (view.Validation is { } validation)
        {
            grid.AddRow("validation run", Markup.Escape(
                $"{validation.Rows}, every {validation.Every} round(s), watching {validation.Metric}" +
                (validation.Patience > 0 ? $", early stopping after {validation.Patience}" : "") +
                (validation.BestRound is { } best ? $"; best round {best}" : "")));
            AddMetrics(grid, "validation metrics", validation.FinalValidation ?? validation.Latest);
            AddMetrics(grid, "train metrics", validation.FinalTrain);
        }

        IO.Console.Write(grid);
        var history = new Table().AddColumns("time", "event", "round", "detail");
        foreach (var e in view.History)
        {
            history.AddRow(Format.Time(e.At), e.Kind.ToString(), e.Round.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Detail));
        }

        IO.Console.Write(history);
        return ExitCodes.Success;
    }

    private static void AddMetrics(Grid grid, string label, EvaluationMetrics? metrics)
    {
        if (metrics is not null)
        {
            grid.AddRow(label, Markup.Escape($"{Format.Metrics(metrics)} ({Format.Count(metrics.Rows)} rows)"));
        }
    }
}
