namespace OrleansTrainer.Admin.Security;

/// <summary>One console user, bound from <c>Admin:Users:NAME</c> (environment: <c>OTRAIN_Admin__Users__NAME__KeyHash</c>, ...).</summary>
public sealed class AdminUserOptions
{
    /// <summary>The hash of the user's key, made by <c>hash-key</c> (see <see cref="AdminKeyHash"/>).</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>
    /// The user's role, <c>Viewer</c> or <c>Operator</c> (any case; see <see cref="AdminRole"/>). Default viewer. A string,
    /// not the enum, so that a misspelt role stops the console rather than silently dropping the user from the binding.
    /// </summary>
    public string Role { get; set; } = nameof(AdminRole.Viewer);
}
