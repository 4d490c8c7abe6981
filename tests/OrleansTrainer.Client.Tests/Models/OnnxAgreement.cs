using OrleansTrainer.Models;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>
/// How far an ONNX run (float32 weights and inputs) lies from <see cref="LinearModel"/> (float64) on the same rows.
/// float32's rounding of x and w alone moves a margin z by up to 6e-8·m, m = max_k (|b_k| + Σ_j |w_kj x_j|) the size of
/// the terms summed; so margin errors (of values, decision values, and relative errors of e^z) are measured in units
/// of m, and probabilities, which move at most half as much as the margins (|∂p_k/∂z| summed ≤ ½) plus their own
/// rounding, in units of 1 + m/2. Classes must agree except on rows whose decision lies within tolerance of a tie.
/// Null: the model has no such output.
/// </summary>
internal sealed record OnnxAgreement(double? MarginError, double? RelativeError, double? ProbabilityError, int? ClassMismatches, int NearTies, int Rows)
{
    /// <summary>The tolerance, in the units above.</summary>
    public const double Tolerance = 1e-6;

    public static OnnxAgreement Measure(LinearModel model, double[][] rows, OnnxRun run)
    {
        var marginError = Maximum.Of(model.Prediction is PredictionKind.Value or PredictionKind.Count or PredictionKind.Decision);
        var relativeError = Maximum.Of(model.Prediction is PredictionKind.Value or PredictionKind.Count);
        var probabilityError = Maximum.Of(model.Prediction is PredictionKind.Probability or PredictionKind.ClassProbabilities);
        int mismatches = 0, nearTies = 0;
        var margins = new double[model.Outputs];
        var probabilities = new double[model.ClassLabels.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            model.Margins(rows[i], margins);
            var magnitude = Magnitude(model, rows[i]);
            var exact = model.PredictFromMargins(margins);
            switch (model.Prediction)
            {
                case PredictionKind.Value:
                    marginError.Add(Math.Abs(run.Floats[OnnxNames.Prediction][i] - exact) / magnitude);
                    relativeError.Add(Math.Abs(run.Floats[OnnxNames.Prediction][i] - exact) / Math.Abs(exact));
                    continue;
                case PredictionKind.Count:
                    var relative = Math.Abs(run.Floats[OnnxNames.Prediction][i] - exact) / exact;
                    marginError.Add(relative / magnitude);
                    relativeError.Add(relative);
                    continue;
                case PredictionKind.Decision:
                    marginError.Add(Math.Abs(run.Floats[OnnxNames.Decision][i] - margins[0]) / magnitude);
                    break;
                case PredictionKind.Probability:
                    probabilityError.Add(Math.Abs(run.Floats[OnnxNames.Probability][i] - exact) / (1 + (magnitude / 2)));
                    break;
            }

            if (probabilities.Length > 0 && model.Prediction != PredictionKind.Decision)
            {
                model.ProbabilitiesFromMargins(margins, probabilities);
                for (var k = 0; k < probabilities.Length; k++)
                {
                    probabilityError.Add(Math.Abs(run.Floats[OnnxNames.Probabilities][(i * probabilities.Length) + k] - probabilities[k]) / (1 + (magnitude / 2)));
                }
            }

            var nearTie = TieGap(margins) <= 2 * Tolerance * magnitude;
            nearTies += nearTie ? 1 : 0;
            mismatches += !nearTie && run.Integers[OnnxNames.Class][i] != model.ClassFromMargins(margins) ? 1 : 0;
        }

        return new OnnxAgreement(marginError.Value, relativeError.Value, probabilityError.Value, model.ClassLabels.Count > 0 ? mismatches : null, nearTies, rows.Length);
    }

    public override string ToString() =>
        $"{Rows} rows: margin error {Show(MarginError)} × m, relative error {Show(RelativeError)}, probability error {Show(ProbabilityError)} × (1 + m/2), " +
        $"class mismatches {(ClassMismatches is { } count ? $"{count} ({NearTies} rows within tolerance of a tie)" : "n/a")}";

    private static string Show(double? value) => value is { } v ? v.ToString("E2", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    private static double Magnitude(LinearModel model, double[] row)
    {
        double magnitude = 0;
        for (var k = 0; k < model.Outputs; k++)
        {
            var weights = model.WeightsOf(k);
            var sum = Math.Abs(model.Intercepts[k]);
            for (var j = 0; j < row.Length; j++)
            {
                sum += Math.Abs(weights[j] * row[j]);
            }

            magnitude = Math.Max(magnitude, sum);
        }

        return magnitude;
    }

    /// <summary>How far the decision is from a tie: |z| for one output, the gap between the two largest margins for K.</summary>
    private static double TieGap(double[] margins)
    {
        if (margins.Length == 1)
        {
            return Math.Abs(margins[0]);
        }

        var sorted = margins.OrderDescending().ToArray();
        return sorted[0] - sorted[1];
    }

    /// <summary>The largest value added; null when the measure does not apply.</summary>
    private sealed class Maximum(bool applies)
    {
        private double _value;

        public double? Value => applies ? _value : null;

        public static Maximum Of(bool applies) => new(applies);

        public void Add(double value) => _value = Math.Max(_value, value);
    }
}
