using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Commands;

/// <summary>Finds a job or reports that it does not exist.</summary>
internal static class JobLookup
{
    /// <summary>The job's state; a not-found error when there is no such job.</summary>
    public static async Task<JobStatusInfo> RequireAsync(TrainerClient client, string job, CancellationToken cancellationToken)
    {
        var info = await client.GetJobAsync(job, cancellationToken);
        return info.Status == JobStatus.None ? throw CliException.NotFound($"job {job} does not exist") : info;
    }
}
