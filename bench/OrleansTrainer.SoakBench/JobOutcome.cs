using OrleansTrainer.Abstractions;

namespace OrleansTrainer.SoakBench;

/// <summary>How one job of the soak ended.</summary>
/// <param name="Name">The job.</param>
/// <param name="Template">Its template's label.</param>
/// <param name="Status">Its final status (<see cref="JobStatus.None"/> if it never reported one).</param>
/// <param name="Rounds">Its committed rounds.</param>
/// <param name="Seconds">From its start to its end, as the trainer recorded them.</param>
/// <param name="Identical">Whether its weights equal the template's uninterrupted run bit for bit; null if not compared.</param>
/// <param name="Differing">Coefficients whose bits differ (−1: different lengths).</param>
/// <param name="MaxAbsDifference">The largest coefficient difference.</param>
/// <param name="Resumes">For each fault that struck while it ran: seconds to the commit of its first round started after the fault.</param>
/// <param name="Error">The job's reason for failing, or the exception that stopped the soak's handling of it; empty if none.</param>
/// <param name="Deleted">Whether deleting it through the client succeeded.</param>
internal sealed record JobOutcome(string Name, string Template, JobStatus Status, long Rounds, double Seconds, bool? Identical,
    int Differing, double MaxAbsDifference, IReadOnlyList<Resume> Resumes, string Error, bool Deleted);

/// <summary>One job's resumption after one fault.</summary>
/// <param name="Fault">The fault's index.</param>
/// <param name="Seconds">From the fault to the commit of the job's first round started after it.</param>
/// <param name="Round">That round.</param>
internal sealed record Resume(int Fault, double Seconds, long Round);
