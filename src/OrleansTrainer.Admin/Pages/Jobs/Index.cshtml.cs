using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages.Jobs;

/// <summary>The list of jobs.</summary>
public sealed class JobsModel(JobQueries queries) : PageModel
{
    /// <summary>The jobs.</summary>
    public JobSummaryView[] Jobs { get; private set; } = [];

    /// <summary>Loads them.</summary>
    public async Task OnGetAsync() => Jobs = await queries.ListAsync();
}
