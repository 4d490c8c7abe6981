using System.Diagnostics;
using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A job's validation: after every <see cref="ValidationSpec.Every"/>-th round (and the last) the shards score the
/// held-out rows (or the validation dataset's) with the blocks' weights and return statistics, merged in shard order;
/// the best round is tracked, its parameters kept when the job has early stopping, and the job stops once
/// <see cref="ValidationSpec.Patience"/> validations in a row brought no improvement of <see cref="ValidationSpec.MinDelta"/>.
/// A completed job's final model is then scored on its training and validation rows.
/// </summary>
internal sealed class JobValidation(RoundOperations operations, DatasetInfo validationDataset, KeptWeights kept)
{
    private JobContext Context => operations.Context;

    private ValidationSpec Spec => Context.Spec.Validation!;

    /// <summary>The metric watched: the spec's, or the model's default.</summary>
    public MetricKind Metric => EvaluationAccumulator.WatchedMetric(Context.Spec);

    /// <summary>Whether the job keeps its best round's weights as its model (it has early stopping).</summary>
    public bool KeepsBest => Spec.Patience > 0;

    /// <summary>Validates after the round of <paramref name="outcome"/> when it is due, and stops the job early when it should.</summary>
    public async Task<RoundOutcome> AfterRoundAsync(RoundOutcome outcome, ValidationProgress? progress)
    {
        if (outcome.Metrics is not { } measured || outcome.Stop is JobStatus.Failed or JobStatus.Cancelled
            || (outcome.Stop is null && (measured.Round + 1) % Spec.Every != 0))
        {
            return outcome;
        }

        var started = Stopwatch.GetTimestamp();
        var parameters = await operations.GatherAsync();
        var metrics = await ValidateAsync(parameters);
        var validationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var value = metrics.Value(Metric) ?? double.NaN;
        var next = (progress ?? new ValidationProgress()) with { Latest = metrics };
        if (next.BestRound is null || Improves(value, next.BestValue))
        {
            if (KeepsBest)
            {
                await kept.WriteAsync(parameters);
            }

            next = next with { BestRound = measured.Round, BestValue = value, SinceBest = 0 };
        }
        else
        {
            next = next with { SinceBest = next.SinceBest + 1 };
        }

        var (stop, reason) = (outcome.Stop, outcome.Reason);
        if (stop is null && KeepsBest && next.SinceBest >= Spec.Patience)
        {
            (stop, reason) = (JobStatus.Completed, string.Create(CultureInfo.InvariantCulture,
                $"early stopping: validation {Metric} did not improve by more than {Spec.MinDelta:G4} in {Spec.Patience} validations"));
        }

        if (stop == JobStatus.Completed)
        {
            var best = KeepsBest && next.BestRound != measured.Round;
            var final = best ? await kept.ReadAsync() : parameters;
            next = next with { FinalTrain = await TrainingMetricsAsync(final), FinalValidation = best ? await ValidateAsync(final) : metrics };
            if (KeepsBest)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $"; the model is round {next.BestRound}'s, validation {Metric} {next.BestValue:G6}");
            }
        }

        return outcome with
        {
            Metrics = measured with { Validation = metrics, ValidationMilliseconds = validationMs },
            Stop = stop,
            Reason = reason,
            Validation = next,
        };
    }

    /// <summary>The metrics of the model at solver <paramref name="parameters"/> on the validation rows.</summary>
    public Task<EvaluationMetrics> ValidateAsync(double[] parameters) => Spec.SplitsRows
        ? EvaluateAsync(parameters, Context.Dataset, EvaluationRows.HeldOut)
        : EvaluateAsync(parameters, validationDataset, EvaluationRows.All);

    private Task<EvaluationMetrics> TrainingMetricsAsync(double[] parameters) => EvaluateAsync(parameters, Context.Dataset, EvaluationRows.Training);

    private bool Improves(double value, double best) => EvaluationAccumulator.HigherIsBetter(Metric)
        ? value > best + Spec.MinDelta
        : value < best - Spec.MinDelta;

    private async Task<EvaluationMetrics> EvaluateAsync(double[] parameters, DatasetInfo dataset, EvaluationRows rows)
    {
        var (weights, intercepts) = Context.RawModel(parameters);
        var request = new EvaluationRequest
        {
            Spec = Context.Spec,
            Outputs = Context.Layout.Outputs,
            Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(weights) },
            Intercepts = new PackedVector { Bytes = DenseBuffers.ToBytes(intercepts) },
            Rows = rows,
        };
        return await DatasetEvaluation.RunAsync(operations.Grains, dataset, request);
    }
}
