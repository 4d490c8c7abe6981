using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Moves a model between solver coordinates (standardized features, as the blocks hold it) and raw coordinates (as the
/// kernels and users see it), output by output. Without standardization both are the same.
/// </summary>
internal static class ModelTransform
{
    /// <summary>Raw weights (outputs × columns) and intercepts from solver parameters.</summary>
    public static void ToRaw(ParameterLayout layout, ReadOnlySpan<double> parameters, FeatureScaling? scaling,
        Span<double> rawWeights, Span<double> rawIntercepts)
    {
        var d = layout.Columns;
        for (var k = 0; k < layout.Outputs; k++)
        {
            var intercept = layout.FitIntercept ? parameters[layout.InterceptIndex(k)] : 0.0;
            var solver = parameters.Slice(k * d, d);
            var raw = rawWeights.Slice(k * d, d);
            if (scaling is { } s)
            {
                Standardization.ToRawModel(solver, intercept, s.Mean, s.Scale, raw, out intercept);
            }
            else
            {
                solver.CopyTo(raw);
            }

            rawIntercepts[k] = intercept;
        }
    }

    /// <summary>Solver parameters from raw weights and intercepts.</summary>
    public static void ToSolver(ParameterLayout layout, ReadOnlySpan<double> rawWeights, ReadOnlySpan<double> rawIntercepts,
        FeatureScaling? scaling, Span<double> parameters)
    {
        var d = layout.Columns;
        for (var k = 0; k < layout.Outputs; k++)
        {
            var intercept = rawIntercepts[k];
            var solver = parameters.Slice(k * d, d);
            if (scaling is { } s)
            {
                Standardization.ToSolverModel(rawWeights.Slice(k * d, d), intercept, s.Mean, s.Scale, solver, out intercept);
            }
            else
            {
                rawWeights.Slice(k * d, d).CopyTo(solver);
            }

            if (layout.FitIntercept)
            {
                parameters[layout.InterceptIndex(k)] = intercept;
            }
        }
    }

    /// <summary>The solver-space gradient from raw gradient sums (outputs × columns) and intercept gradient sums.</summary>
    public static void ToSolverGradient(ParameterLayout layout, ReadOnlySpan<double> rawGradient, ReadOnlySpan<double> interceptGradient,
        FeatureScaling? scaling, Span<double> solverGradient)
    {
        var d = layout.Columns;
        for (var k = 0; k < layout.Outputs; k++)
        {
            var target = solverGradient.Slice(k * d, d);
            if (scaling is { } s)
            {
                Standardization.ToSolverGradient(rawGradient.Slice(k * d, d), interceptGradient[k], s.Mean, s.Scale, target);
            }
            else
            {
                rawGradient.Slice(k * d, d).CopyTo(target);
            }

            if (layout.FitIntercept)
            {
                solverGradient[layout.InterceptIndex(k)] = interceptGradient[k];
            }
        }
    }

    /// <summary>
    /// Per-parameter multipliers of the penalties in solver coordinates, so that the penalties act on the ORIGINAL-scale
    /// weights: L2 gets 1/scale², L1 gets 1/scale, intercepts get 0.
    /// </summary>
    public static (double[] L2Scale, double[] L1Scale) PenaltyScales(ParameterLayout layout, FeatureScaling? scaling)
    {
        var l2 = new double[layout.Length];
        var l1 = new double[layout.Length];
        for (var k = 0; k < layout.Outputs; k++)
        {
            for (var j = 0; j < layout.Columns; j++)
            {
                var scale = scaling is { } s ? s.Scale[j] : 1.0;
                l2[k * layout.Columns + j] = 1.0 / (scale * scale);
                l1[k * layout.Columns + j] = 1.0 / scale;
            }
        }

        return (l2, l1);
    }
}

/// <summary>A dataset's column means and (safe) standard deviations, the standardization the solver works in.</summary>
internal sealed record FeatureScaling(double[] Mean, double[] Scale)
{
    /// <summary>Reads the scaling from a dataset's statistics.</summary>
    public static FeatureScaling From(OrleansTrainer.Abstractions.DatasetStatistics statistics) => new(
        DenseBuffers.AsDoubles(statistics.FeatureMean.Bytes).ToArray(),
        Standardization.SafeScale(DenseBuffers.AsDoubles(statistics.FeatureStandardDeviation.Bytes)));
}
