using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OrleansTrainer.Admin.Pages;

/// <summary>Ends the session (POST only, with the anti-forgery token the layout's form carries).</summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>Signs out and goes to the login page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/login");
    }
}
