using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// The stored form of the admin key: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> with PBKDF2-HMAC-SHA256, a 16-byte
/// random salt and a 32-byte hash, both base64. The key itself is never stored.
/// </summary>
public static class AdminKeyHash
{
    /// <summary>The prefix that names the algorithm.</summary>
    public const string Algorithm = "pbkdf2-sha256";

    /// <summary>Iterations used for new hashes.</summary>
    public const int Iterations = 210_000;

    /// <summary>Hashes <paramref name="key"/> with a fresh salt.</summary>
    public static string Create(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="stored"/> is well formed.</summary>
    public static bool IsWellFormed(string stored) => TryParse(stored, out _, out _, out _);

    /// <summary>Whether <paramref name="key"/> matches <paramref name="stored"/> (constant-time comparison).</summary>
    public static bool Verify(string key, string stored)
    {
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        (iterations, salt, hash) = (0, [], []);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            (salt, hash) = (Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 16 && hash.Length >= 32;
    }
}
