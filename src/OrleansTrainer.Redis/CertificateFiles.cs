using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansTrainer.Redis;

/// <summary>
/// Reads certificates from files named by a setting, refusing a missing or unreadable file with a message that names the
/// setting, and checks a peer's certificate against a CA of one's own rather than the machine's.
/// </summary>
public static class CertificateFiles
{
    /// <summary>The CA certificates in the PEM file <paramref name="path"/>, named by the setting <paramref name="setting"/>.</summary>
    /// <exception cref="InvalidOperationException">The file does not exist or holds no PEM certificate.</exception>
    public static X509Certificate2Collection LoadCa(string path, string setting)
    {
        RequireFile(path, setting);
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException error)
        {
            throw new InvalidOperationException($"{setting}: {path} is not a PEM certificate file ({error.Message}).", error);
        }

        return certificates.Count > 0 ? certificates : throw new InvalidOperationException($"{setting}: {path} holds no PEM certificate.");
    }

    /// <summary>
    /// A certificate with its private key: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>; <paramref name="password"/> if it has
    /// one) or a PEM certificate with its key in <paramref name="keyPath"/> (or in the same file when null).
    /// </summary>
    /// <exception cref="InvalidOperationException">A file does not exist, cannot be read, or the certificate has no private key.</exception>
    public static X509Certificate2 LoadWithKey(string path, string setting, string? keyPath, string keySetting, string? password = null)
    {
        RequireFile(path, setting);
        if (keyPath is not null)
        {
            RequireFile(keyPath, keySetting);
        }

        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path);
            certificate = extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : X509Certificate2.CreateFromPemFile(path, keyPath);
        }
        catch (CryptographicException error)
        {
            throw new InvalidOperationException(
                $"{setting}: {path}{(keyPath is null ? "" : $" with the key {keyPath} ({keySetting})")} could not be read as a certificate and its key ({error.Message}).", error);
        }

        return certificate.HasPrivateKey ? certificate : throw new InvalidOperationException($"{setting}: {path} holds no private key.");
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to one of <paramref name="authorities"/> and TLS found no other fault
    /// in it (the name, when a client checks a server); <paramref name="reason"/> says why not.
    /// </summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities, out string reason)
    {
        if (certificate is null)
        {
            reason = "no certificate was presented";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reason = "its name does not match the host";
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(presented))
        {
            reason = "";
            return true;
        }

        reason = $"{presented.Subject} issued by {presented.Issuer}: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
        return false;
    }

    private static void RequireFile(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} names {path}, which does not exist (is the secret mounted?).");
        }
    }
}
