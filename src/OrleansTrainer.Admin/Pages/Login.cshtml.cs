using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Security;

namespace OrleansTrainer.Admin.Pages;

/// <summary>The login page: a user's key in exchange for a cookie session as that user; a wrong key counts against the client in <see cref="KeyAttempts"/>.</summary>
[AllowAnonymous]
public sealed class LoginModel(AdminKeyVerifier verifier, KeyAttempts attempts) : PageModel
{
    /// <summary>Where to go after logging in (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the last attempt failed.</summary>
    public bool Failed { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the key and starts a session.</summary>
    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (verifier.Find(key) is not { } user)
        {
            await attempts.FailedAsync(HttpContext);
            Failed = true;
            return Page();
        }

        attempts.Succeeded(HttpContext);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
