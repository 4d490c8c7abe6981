using System.Globalization;
using OrleansTrainer.Client;
using OrleansTrainer.Models;

namespace OrleansTrainer.Cli.Prediction;

/// <summary>
/// The output columns of <c>otrain predict</c> for a model: the id column when asked for, then regression
/// <c>prediction</c>; logistic and softmax regression <c>class</c> and one probability per class (<c>p_0</c>,
/// <c>p_1</c>, ...); the linear SVM <c>class</c> and <c>decision</c>. Numbers in shortest round-trip form.
/// </summary>
/// <param name="model">The model.</param>
/// <param name="idColumn">The id column's name, or null.</param>
public sealed class PredictionColumns(LinearModel model, string? idColumn)
{
    private readonly double[] _probabilities = new double[model.ClassLabels.Count];

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Names { get; } = [.. (idColumn is null ? [] : new[] { idColumn }).Concat(model.Prediction switch
    {
        PredictionKind.Probability or PredictionKind.ClassProbabilities => ["class", .. model.ClassLabels.Select(label => $"p_{label}")],
        PredictionKind.Decision => ["class", "decision"],
        _ => new[] { "prediction" },
    })];

    /// <summary>The header line.</summary>
    public string Header => string.Join(',', Names);

    /// <summary>The line of one row.</summary>
    public string Line(PredictionRow row)
    {
        var cells = new List<string>(Names.Count);
        if (row.Id is not null)
        {
            cells.Add(row.Id);
        }

        switch (model.Prediction)
        {
            case PredictionKind.Probability or PredictionKind.ClassProbabilities:
                cells.Add(model.ClassLabels[model.ClassFromMargins(row.Margins)]);
                model.ProbabilitiesFromMargins(row.Margins, _probabilities);
                cells.AddRange(_probabilities.Select(Number));
                break;
            case PredictionKind.Decision:
                cells.Add(model.ClassLabels[model.ClassFromMargins(row.Margins)]);
                cells.Add(Number(row.Margins[0]));
                break;
            default:
                cells.Add(Number(model.PredictFromMargins(row.Margins)));
                break;
        }

        return string.Join(',', cells);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
