namespace OrleansTrainer.Admin.Security;

/// <summary>The console's credentials, bound from the <c>Admin</c> section.</summary>
public sealed class AdminSecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Admin";

    /// <summary>The name of the user <see cref="KeyHash"/> signs in as.</summary>
    public const string LegacyUser = "admin";

    /// <summary>
    /// The hash of a single operator's key, in <see cref="AdminKeyHash"/>'s format (<c>pbkdf2-sha256$iterations$salt$hash</c>,
    /// base64), signing in as user <c>admin</c>. Produce it with <c>echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key</c>.
    /// Kept from before <see cref="Users"/>; both may be set.
    /// </summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The users by name (<c>Admin:Users:alice:KeyHash</c>, <c>Admin:Users:alice:Role</c>). Outside development, this or <see cref="KeyHash"/> is required.</summary>
    public Dictionary<string, AdminUserOptions> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
