using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Cli.Prediction;

/// <summary>Scores a local CSV file with a model, row by row, into the same metrics the cluster computes.</summary>
internal static class LocalEvaluation
{
    /// <summary>
    /// The metrics of <paramref name="model"/> on <paramref name="path"/>'s rows, the label read from
    /// <paramref name="label"/> (default: the model's label column), each row counted by its <paramref name="weight"/>
    /// column (default: once), the file read in <paramref name="dialect"/>.
    /// </summary>
    /// <exception cref="CliException">The label or weight column is unknown or missing, a label is not a number, or a weight not a finite number ≥ 0.</exception>
    public static async Task<EvaluationMetrics> RunAsync(LinearModel model, string path, CsvDialect dialect, string? label, string? weight, CancellationToken cancellationToken)
    {
        var column = label ?? model.Provenance?.LabelName
            ?? throw CliException.Failure("the model file does not name its label column (an otrain-linear-model/1 file): pass --label");
        var source = Path.GetFileName(path);
        using var input = await CsvPredictionInput.OpenAsync(model, path, dialect, column, weight, cancellationToken);
        var accumulator = EvaluationAccumulator.Create(model.EvaluationSpec(source), model.Outputs);
        var line = 1L;
        await foreach (var row in input.ReadAsync(cancellationToken))
        {
            line++;
            if (!double.TryParse(row.Id, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw CliException.Failure($"{source}: row {line - 1}, column {column}: \"{row.Id}\" is not a number");
            }

            var rowWeight = 1.0;
            if (row.Weight is { } text && CsvCellParser.ParseWeight(text, out rowWeight) is var problem and not CsvCellProblem.None)
            {
                throw CliException.Failure($"{source}: row {line - 1}, column {weight}: {CsvCellParser.Describe(problem, text)}");
            }

            try
            {
                accumulator.Add(row.Margins, value, rowWeight);
            }
            catch (ArgumentException error)
            {
                throw CliException.Failure($"{source}: row {line - 1}: {error.Message}");
            }
        }

        return EvaluationAccumulator.Finish(accumulator.ToSums());
    }
}
