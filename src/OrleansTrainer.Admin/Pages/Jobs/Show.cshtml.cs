using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages.Jobs;

/// <summary>
/// One job: status, hyperparameters, loss chart, timing, blocks, history, and the controls. Every control is a POST
/// (anti-forgery validated by Razor Pages), for operators only (403 for viewers), that the trainer applies at its next
/// round boundary and records in the history with the operator's name.
/// </summary>
public sealed class JobModel(JobQueries queries, JobControl control) : PageModel
{
    /// <summary>How the job history names this page's calls: <c>by USER (console)</c>.</summary>
    private const string Channel = "console";

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
    public Task<IActionResult> OnPostPauseAsync(string name) => ControlAsync(name, "paused", () => control.PauseAsync(name, User, Channel));

    /// <summary>Resumes the job.</summary>
    public Task<IActionResult> OnPostResumeAsync(string name) => ControlAsync(name, "resumed", () => control.ResumeAsync(name, User, Channel));

    /// <summary>Cancels the job.</summary>
    public Task<IActionResult> OnPostCancelAsync(string name) => ControlAsync(name, "cancelled", () => control.CancelAsync(name, User, Channel));

    /// <summary>Changes the job's learning rate.</summary>
    public Task<IActionResult> OnPostLearningRateAsync(string name, double learningRate) =>
        ControlAsync(name, $"learning rate set to {learningRate.ToString("G6", CultureInfo.InvariantCulture)}", () => control.SetLearningRateAsync(name, learningRate, User, Channel));

    private async Task<IActionResult> ControlAsync(string name, string done, Func<Task> action)
    {
        if (!User.IsInRole(AdminPolicies.Operator))
        {
            return Forbid();
        }

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
