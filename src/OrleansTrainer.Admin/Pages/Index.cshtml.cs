using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages;

/// <summary>The cluster page: silos and activations.</summary>
public sealed class IndexModel(ClusterQueries queries) : PageModel
{
    /// <summary>What the page shows.</summary>
    public ClusterView Cluster { get; private set; } = null!;

    /// <summary>Loads the cluster view.</summary>
    public async Task OnGetAsync() => Cluster = await queries.GetAsync();
}
