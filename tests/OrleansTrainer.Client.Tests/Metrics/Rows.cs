using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Scores a few hand-written rows of one output.</summary>
internal static class Rows
{
    /// <summary>The metrics of rows (z, y) of unit weight for <paramref name="model"/>.</summary>
    public static EvaluationMetrics Score(ModelKind model, params (double Z, double Y)[] rows) =>
        EvaluationAccumulator.Finish(Sums(model, [.. rows.Select(r => (r.Z, r.Y, 1.0))]));

    /// <summary>The sums of rows (z, y, weight) for <paramref name="model"/>.</summary>
    public static EvaluationSums Sums(ModelKind model, (double Z, double Y, double Weight)[] rows)
    {
        var accumulator = EvaluationAccumulator.Create(new JobSpec { Model = model }, 1);
        foreach (var (z, y, weight) in rows)
        {
            accumulator.Add([z], y, weight);
        }

        return accumulator.ToSums();
    }
}
