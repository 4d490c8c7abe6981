using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A job's start from <see cref="JobSpec.InitialModel"/>: the model is checked against the spec and the dataset, each
/// refusal naming <c>InitialModel</c> and the mismatch, then turned into the solver parameters the weight blocks start
/// from — the inverse of <see cref="JobContext.RawModel"/>: to solver coordinates (<see cref="ModelTransform.ToSolver"/>),
/// then into the blocks' feature order under the Hash partition.
/// </summary>
internal static class WarmStart
{
    /// <summary>The solver parameters of <paramref name="model"/> for the job of <paramref name="context"/>.</summary>
    /// <param name="model">The initial model.</param>
    /// <param name="spec">The job's spec as it was submitted (for the messages).</param>
    /// <param name="context">The job on its dataset.</param>
    /// <exception cref="ArgumentException">The model does not fit the job: another kind, other features, another number of outputs, non-finite or missing values, an intercept the job cannot hold.</exception>
    public static double[] Parameters(InitialModel model, JobSpec spec, JobContext context)
    {
        var layout = context.Layout;
        var dataset = context.Dataset;
        var schema = dataset.Schema;
        Require(model.Kind == spec.Model, spec, $"InitialModel is a {model.Kind} model; the job fits {spec.Model}");
        Require(model.FeatureCount == schema.FeatureCount, spec, $"InitialModel has {model.FeatureCount} features; dataset \"{dataset.Name}\" has {schema.FeatureCount}");
        RequireSameNames(model, spec, dataset);

        Require(model.Intercepts.Bytes.Length % sizeof(double) == 0 && model.Weights.Bytes.Length % sizeof(double) == 0, spec,
            "InitialModel's weights and intercepts must be float64 vectors");
        var intercepts = DenseBuffers.AsDoubles(model.Intercepts.Bytes);
        Require(intercepts.Length == layout.Outputs, spec,
            $"InitialModel has {intercepts.Length} output(s); the job's {spec.Model} model on dataset \"{dataset.Name}\" has {layout.Outputs}");
        var weights = DenseBuffers.AsDoubles(model.Weights.Bytes);
        Require(weights.Length == layout.WeightCount, spec,
            $"InitialModel has {weights.Length} weights; {layout.Outputs} output(s) of {layout.Columns} features need {layout.WeightCount}");
        RequireFinite(weights, "weight", spec);
        RequireFinite(intercepts, "intercept", spec);
        if (!layout.FitIntercept)
        {
            RequireNoIntercept(weights, intercepts, spec, context);
        }

        var parameters = new double[layout.Length];
        ModelTransform.ToSolver(layout, weights, intercepts, context.Scaling, parameters);
        context.Permutation?.ToBlockOrder(layout, parameters);
        return parameters;
    }

    private static void RequireSameNames(InitialModel model, JobSpec spec, DatasetInfo dataset)
    {
        var schema = dataset.Schema;
        if (schema.IsSparse)
        {
            Require(model.FeatureNames.Length == 0, spec, $"InitialModel names its features; dataset \"{dataset.Name}\" is sparse, its features are numbered");
            return;
        }

        Require(model.FeatureNames.Length == schema.FeatureCount, spec,
            $"InitialModel names {model.FeatureNames.Length} features; dataset \"{dataset.Name}\" has {schema.FeatureCount} named ones");
        for (var j = 0; j < schema.FeatureCount; j++)
        {
            Require(model.FeatureNames[j] == schema.FeatureNames[j], spec,
                $"feature {j + 1} of InitialModel is \"{model.FeatureNames[j]}\"; in dataset \"{dataset.Name}\" it is \"{schema.FeatureNames[j]}\"");
        }
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string what, JobSpec spec)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Require(double.IsFinite(values[i]), spec, string.Create(CultureInfo.InvariantCulture, $"InitialModel {what} {i} is {values[i]}; it must be finite"));
        }
    }

    /// <summary>
    /// A job without an intercept holds none in solver coordinates; the raw intercept such a job reports is 0, or with
    /// standardization −Σ mean_j·w_j (the model is centred). The initial model's must be that, to rounding.
    /// </summary>
    private static void RequireNoIntercept(ReadOnlySpan<double> weights, ReadOnlySpan<double> intercepts, JobSpec spec, JobContext context)
    {
        var columns = context.Layout.Columns;
        for (var k = 0; k < intercepts.Length; k++)
        {
            double implied = 0, magnitude = Math.Abs(intercepts[k]);
            if (context.Scaling is { } scaling)
            {
                for (var j = 0; j < columns; j++)
                {
                    var term = scaling.Mean[j] * weights[(k * columns) + j];
                    implied -= term;
                    magnitude += Math.Abs(term);
                }
            }

            Require(Math.Abs(intercepts[k] - implied) <= 1e-9 * magnitude, spec, context.Scaling is null
                ? string.Create(CultureInfo.InvariantCulture, $"InitialModel has intercept {intercepts[k]:G6} (output {k}); the job fits none (FitIntercept is false)")
                : string.Create(CultureInfo.InvariantCulture,
                    $"InitialModel has intercept {intercepts[k]:G6} (output {k}); the job fits none (FitIntercept is false), and standardized that means −Σ mean·weight = {implied:G6}"));
        }
    }

    private static void Require(bool condition, JobSpec spec, string message) => SpecRules.Require(condition, spec, message);
}
