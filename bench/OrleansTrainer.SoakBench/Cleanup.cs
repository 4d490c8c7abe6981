using OrleansTrainer.Client;

namespace OrleansTrainer.SoakBench;

/// <summary>Deletes every job and then every dataset the cluster lists, through the public client, as a user would.</summary>
internal static class Cleanup
{
    private static readonly TimeSpan CallBudget = TimeSpan.FromMinutes(2);

    /// <summary>Cancels what still runs, deletes every job and every dataset; returns the names deleted.</summary>
    public static async Task<(string[] Jobs, string[] Datasets)> DeleteEverythingAsync(TrainerClient client)
    {
        var jobs = await Calls.RetryAsync("list jobs", () => client.ListJobsAsync(), CallBudget);
        foreach (var job in jobs)
        {
            if (!job.IsFinished)
            {
                await Calls.RetryAsync("cancel", () => client.CancelJobAsync(job.Name), CallBudget);
                while (!(await Calls.RetryAsync("status", () => client.GetJobAsync(job.Name), CallBudget)).IsFinished)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
            }

            await Calls.RetryAsync("delete", async () => { await client.DeleteJobAsync(job.Name); return true; }, CallBudget);
        }

        var datasets = await Calls.RetryAsync("list datasets", () => client.ListDatasetsAsync(), CallBudget);
        foreach (var dataset in datasets)
        {
            await Calls.RetryAsync("delete dataset", () => client.DeleteDatasetAsync(dataset.Name, force: true), CallBudget);
        }

        return ([.. jobs.Select(j => j.Name)], [.. datasets.Select(d => d.Name)]);
    }
}
