namespace OrleansTrainer.Admin.Security;

/// <summary>The console's credentials, bound from the <c>Admin</c> section.</summary>
public sealed class AdminSecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Admin";

    /// <summary>
    /// The hash of the admin key, in <see cref="AdminKeyHash"/>'s format
    /// (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64). Produce it with
    /// <c>echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key</c>. Required outside development.
    /// </summary>
    public string KeyHash { get; set; } = "";
}
