using System.Security.Claims;

namespace OrleansTrainer.Admin.Security;

/// <summary>Finds the user a presented key belongs to.</summary>
/// <param name="users">The users chosen at start-up by <see cref="AdminKeyPolicy"/>.</param>
public sealed class AdminKeyVerifier(IReadOnlyList<AdminUser> users)
{
    /// <summary>The user whose key <paramref name="key"/> is; null for no user's.</summary>
    public AdminUser? Find(string? key) =>
        string.IsNullOrEmpty(key) ? null : users.FirstOrDefault(user => AdminKeyHash.Verify(key, user.KeyHash));

    /// <summary>Whether <paramref name="principal"/> is still a configured user with the role it claims (a session outlives configuration changes).</summary>
    public bool IsCurrent(ClaimsPrincipal principal) =>
        users.Any(user => user.Name == principal.Identity?.Name && principal.IsInRole(user.Role.ToString()));
}
