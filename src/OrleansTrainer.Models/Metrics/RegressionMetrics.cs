using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>RMSE, MAE, R² and explained variance from a regression model's sums.</summary>
internal static class RegressionMetrics
{
    /// <summary><paramref name="common"/> with the regression metrics of <paramref name="sums"/>.</summary>
    public static EvaluationMetrics Finish(EvaluationSums sums, EvaluationMetrics common)
    {
        double weight = sums.WeightSum;
        double meanResidual = sums.Residuals.Mean;

        // Σ w r² = Σ w (r − r̄)² + W r̄²: two non-negative terms, no cancellation.
        double squaredErrors = sums.Residuals.Deviation + (weight * meanResidual * meanResidual);
        return common with
        {
            Rmse = Math.Sqrt(squaredErrors / weight),
            Mae = sums.AbsoluteErrorSum / weight,
            R2 = MetricRules.WhenWeighted(weight, MetricRules.Determination(squaredErrors, sums.Labels.Deviation)),
            ExplainedVariance = MetricRules.WhenWeighted(weight, MetricRules.Determination(sums.Residuals.Deviation, sums.Labels.Deviation)),
        };
    }
}
