namespace OrleansTrainer.Admin.Security;

/// <summary>Checks presented keys against the configured hash.</summary>
/// <param name="keyHash">The hash chosen at start-up by <see cref="AdminKeyPolicy"/>.</param>
public sealed class AdminKeyVerifier(string keyHash)
{
    /// <summary>Whether <paramref name="key"/> is the admin key.</summary>
    public bool IsValid(string? key) => !string.IsNullOrEmpty(key) && AdminKeyHash.Verify(key, keyHash);
}
