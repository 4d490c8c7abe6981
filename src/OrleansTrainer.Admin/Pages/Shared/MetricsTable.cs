using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Pages.Shared;

/// <summary>
/// A table of evaluation metrics of one model (<c>_MetricsTable</c>): a row per metric that applies to it, a column
/// per set of rows it was judged on (train, validation).
/// </summary>
public sealed record MetricsTable(string Id, MetricsColumn[] Columns)
{
    /// <summary>The metrics the table has rows for: those present in its first column (every column is of the same model).</summary>
    public IEnumerable<MetricKind> Metrics => Columns[0].Metrics.Present().Select(p => p.Metric);
}

/// <summary>One column of a <see cref="MetricsTable"/>: a heading and the metrics.</summary>
public sealed record MetricsColumn(string Heading, EvaluationMetrics Metrics);
