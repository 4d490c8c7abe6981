using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages.Datasets;

/// <summary>One dataset: schema, encoding and shards.</summary>
public sealed class DatasetModel(DatasetQueries queries) : PageModel
{
    /// <summary>The dataset.</summary>
    public DatasetDetailView Dataset { get; private set; } = null!;

    /// <summary>Loads it; 404 when it does not exist.</summary>
    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (await queries.GetAsync(name) is not { } dataset)
        {
            return NotFound();
        }

        Dataset = dataset;
        return Page();
    }
}
