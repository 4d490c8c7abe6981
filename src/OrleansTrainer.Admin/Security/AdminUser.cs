using System.Security.Claims;

namespace OrleansTrainer.Admin.Security;

/// <summary>A configured console user.</summary>
/// <param name="Name">The name, recorded in job histories as <c>by NAME (console)</c>.</param>
/// <param name="KeyHash">The hash of the user's key.</param>
/// <param name="Role">What the user may do.</param>
public sealed record AdminUser(string Name, string KeyHash, AdminRole Role)
{
    /// <summary>The user's principal for <paramref name="scheme"/>: a name claim and a role claim.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role.ToString())], scheme));
}
