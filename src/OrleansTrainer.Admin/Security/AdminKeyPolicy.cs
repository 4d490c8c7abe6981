namespace OrleansTrainer.Admin.Security;

/// <summary>Decides, at start-up, which key hash the console accepts, and refuses to start without a real one outside development.</summary>
public static class AdminKeyPolicy
{
    /// <summary>The development key: accepted only in the Development environment, refused everywhere else.</summary>
    public const string DevelopmentKey = "otrain-dev-key";

    /// <summary>The key hash to use.</summary>
    /// <exception cref="InvalidOperationException">Outside development, the hash is missing, malformed, or the development key's.</exception>
    public static string Resolve(AdminSecurityOptions options, bool isDevelopment)
    {
        if (string.IsNullOrWhiteSpace(options.KeyHash))
        {
            return isDevelopment
                ? AdminKeyHash.Create(DevelopmentKey)
                : throw new InvalidOperationException("Admin:KeyHash is empty: the admin console does not start without a key outside development. Produce one with: echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key");
        }

        if (!AdminKeyHash.IsWellFormed(options.KeyHash))
        {
            throw new InvalidOperationException($"Admin:KeyHash is not of the form {AdminKeyHash.Algorithm}$ITERATIONS$SALT$HASH; produce it with: echo -n KEY | dotnet OrleansTrainer.Admin.dll hash-key");
        }

        if (!isDevelopment && AdminKeyHash.Verify(DevelopmentKey, options.KeyHash))
        {
            throw new InvalidOperationException("Admin:KeyHash is the hash of the default development key; choose a secret key outside development.");
        }

        return options.KeyHash;
    }
}
