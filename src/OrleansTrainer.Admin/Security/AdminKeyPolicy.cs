using System.Text.RegularExpressions;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// Decides, at start-up, which users the console accepts: those of <c>Admin:Users</c> and, from before users existed,
/// <c>Admin:KeyHash</c> as the operator <c>admin</c>. Refuses to start without a real key outside development.
/// </summary>
public static partial class AdminKeyPolicy
{
    /// <summary>The development key: accepted only in the Development environment, refused everywhere else.</summary>
    public const string DevelopmentKey = "otrain-dev-key";

    private const string HashHint = "produce it with: echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key";

    /// <summary>The users to accept.</summary>
    /// <exception cref="InvalidOperationException">
    /// Outside development no user is configured; or a hash is malformed, or the development key's outside development;
    /// or a user's name is not a plain name; or <c>Admin:KeyHash</c> and a user named <c>admin</c> are both set.
    /// </exception>
    public static IReadOnlyList<AdminUser> Resolve(AdminSecurityOptions options, bool isDevelopment)
    {
        var users = new List<AdminUser>();
        if (!string.IsNullOrWhiteSpace(options.KeyHash))
        {
            users.Add(new AdminUser(AdminSecurityOptions.LegacyUser, Checked("Admin:KeyHash", options.KeyHash, isDevelopment), AdminRole.Operator));
        }

        foreach (var (name, user) in options.Users.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!NamePattern().IsMatch(name))
            {
                throw new InvalidOperationException($"Admin:Users:{name} is not a user name: use letters, digits, '.', '_' or '-' (at most 64).");
            }

            if (users.Any(other => string.Equals(other.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"Admin:Users:{name} clashes with the user Admin:KeyHash signs in as; name it otherwise or drop Admin:KeyHash.");
            }

            var role = Enum.GetValues<AdminRole>().Where(known => known.ToString().Equals(user.Role, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (role.Length == 0)
            {
                throw new InvalidOperationException($"Admin:Users:{name}:Role is \"{user.Role}\"; it must be {string.Join(" or ", Enum.GetNames<AdminRole>())}.");
            }

            users.Add(new AdminUser(name, Checked($"Admin:Users:{name}:KeyHash", user.KeyHash, isDevelopment), role[0]));
        }

        if (users.Count > 0)
        {
            return users;
        }

        return isDevelopment
            ? [new AdminUser(AdminSecurityOptions.LegacyUser, AdminKeyHash.Create(DevelopmentKey), AdminRole.Operator)]
            : throw new InvalidOperationException($"Admin:KeyHash is empty and Admin:Users lists no one: the admin console does not start without a key outside development. Set one of them; {HashHint}");
    }

    private static string Checked(string setting, string hash, bool isDevelopment)
    {
        if (!AdminKeyHash.IsWellFormed(hash))
        {
            throw new InvalidOperationException($"{setting} is not of the form {AdminKeyHash.Algorithm}$ITERATIONS$SALT$HASH; {HashHint}");
        }

        if (!isDevelopment && AdminKeyHash.Verify(DevelopmentKey, hash))
        {
            throw new InvalidOperationException($"{setting} is the hash of the default development key; choose a secret key outside development.");
        }

        return hash;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
