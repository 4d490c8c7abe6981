using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages.Datasets;

/// <summary>The list of datasets.</summary>
public sealed class DatasetsModel(DatasetQueries queries) : PageModel
{
    /// <summary>The datasets.</summary>
    public DatasetSummaryView[] Datasets { get; private set; } = [];

    /// <summary>Loads them.</summary>
    public async Task OnGetAsync() => Datasets = await queries.ListAsync();
}
