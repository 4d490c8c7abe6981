using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OrleansTrainer.Admin.Security;

namespace OrleansTrainer.Admin.Pages;

/// <summary>The login page: the admin key in exchange for a cookie session.</summary>
[AllowAnonymous]
public sealed class LoginModel(AdminKeyVerifier verifier) : PageModel
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
        if (!verifier.IsValid(key))
        {
            Failed = true;
            return Page();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
