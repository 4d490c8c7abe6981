using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Pages;

/// <summary>The grain state inspector: <c>/state?kind=block&amp;key=job/0</c>.</summary>
public sealed class StateModel(StateInspector inspector) : PageModel
{
    /// <summary>What the page shows.</summary>
    public StateView State { get; private set; } = null!;

    /// <summary>Inspects the grain; 404 for an unknown kind or a malformed key.</summary>
    public async Task<IActionResult> OnGetAsync(string? kind, string? key)
    {
        if (kind is null || key is null || await inspector.InspectAsync(kind, key) is not { } state)
        {
            return NotFound();
        }

        State = state;
        return Page();
    }
}
