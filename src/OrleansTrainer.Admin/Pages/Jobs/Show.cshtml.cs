using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;
using OrleansTrainer.Client;

namespace OrleansTrainer.Admin.Pages.Jobs;

/// <summary>
/// One job: status, hyperparameters, loss chart, timing, blocks, history, and the controls. Every control is a POST
/// (anti-forgery validated by Razor Pages) that the trainer applies at its next round boundary.
/// </summary>
public sealed class JobModel(JobQueries queries, TrainerClient client) : PageModel
{
    /// <summary>The job.</summary>
    public JobDetailView Job { get; private set; } = null!;

    /// <summary>Loads it; 404 when it does not exist.</summary>
    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (await queries.GetAsync(name) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        return Page();
    }

    /// <summary>Pauses the job.</summary>
    public Task<IActionResult> OnPostPauseAsync(string name) => ControlAsync(name, "paused", () => client.PauseJobAsync(name));

    /// <summary>Resumes the job.</summary>
    public Task<IActionResult> OnPostResumeAsync(string name) => ControlAsync(name, "resumed", () => client.ResumeJobAsync(name));

    /// <summary>Cancels the job.</summary>
    public Task<IActionResult> OnPostCancelAsync(string name) => ControlAsync(name, "cancelled", () => client.CancelJobAsync(name));

    /// <summary>Changes the job's learning rate.</summary>
    public Task<IActionResult> OnPostLearningRateAsync(string name, double learningRate) =>
        ControlAsync(name, $"learning rate set to {learningRate.ToString("G6", CultureInfo.InvariantCulture)}", () => client.SetLearningRateAsync(name, learningRate));

    private async Task<IActionResult> ControlAsync(string name, string done, Func<Task> action)
    {
        if (await queries.GetAsync(name) is null)
        {
            return NotFound();
        }

        try
        {
            await action();
            TempData["Message"] = $"Job {name}: {done}.";
        }
        catch (Exception refused) when (refused is InvalidOperationException or ArgumentException)
        {
            TempData["Message"] = $"Job {name}: {refused.Message}";
        }

        return RedirectToPage(new { name });
    }
}
