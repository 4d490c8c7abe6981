using OrleansTrainer.Abstractions;

namespace OrleansTrainer.SoakBench;

/// <summary>One kind of job the soak keeps starting: a label for the figures, the solver it exercises, and its spec (named per run).</summary>
internal sealed record SoakTemplate(string Label, string Solver, JobSpec Spec)
{
    /// <summary>The spec under the name <paramref name="job"/>.</summary>
    public JobSpec Named(string job) => Spec with { Name = job };
}
