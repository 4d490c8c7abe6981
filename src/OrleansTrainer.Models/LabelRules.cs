using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models;

/// <summary>The label requirements models share, with the messages the validator gives when a dataset breaks them.</summary>
internal static class LabelRules
{
    /// <summary>Any label.</summary>
    public static string? Any(JobSpec spec, DatasetStatistics statistics, string label) => null;

    /// <summary>Labels in {0, 1}.</summary>
    public static Func<JobSpec, DatasetStatistics, string, string?> Binary(string description) =>
        (_, statistics, label) => statistics.LabelsAreBinary
            ? null
            : $"{description} needs labels in {{0, 1}}, but \"{label}\" ranges over [{statistics.LabelMin}, {statistics.LabelMax}]";

    /// <summary>Labels ≥ 0.</summary>
    public static Func<JobSpec, DatasetStatistics, string, string?> NonNegative(string description) =>
        (_, statistics, label) => statistics.LabelMin >= 0
            ? null
            : $"{description} needs labels >= 0, but \"{label}\" goes down to {statistics.LabelMin}";
}
