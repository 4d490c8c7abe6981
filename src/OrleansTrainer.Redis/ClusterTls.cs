using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OrleansTrainer.Redis;

/// <summary>
/// Reads the certificates of <see cref="ClusterTlsOptions"/>, refusing what cannot work with a message that names the
/// setting (<c>PREFIX</c> + property name, e.g. <c>OrleansTrainer:Tls:</c> or <c>TrainerClientOptions.Tls.</c>).
/// </summary>
public static class ClusterTls
{
    /// <summary>The CA certificates peers must chain to.</summary>
    /// <exception cref="InvalidOperationException">No CA file is named, or it cannot be read.</exception>
    public static X509Certificate2Collection Authorities(ClusterTlsOptions options, string prefix) =>
        string.IsNullOrEmpty(options.CaFile)
            ? throw new InvalidOperationException($"{prefix}{nameof(ClusterTlsOptions.CaFile)} is empty: TLS needs the CA that issued the silos' certificates.")
            : CertificateFiles.LoadCa(options.CaFile, prefix + nameof(ClusterTlsOptions.CaFile));

    /// <summary>This process's certificate with its key, or null when <paramref name="required"/> is false and none is named.</summary>
    /// <exception cref="InvalidOperationException">A required certificate is not named, or a named one cannot be read.</exception>
    public static X509Certificate2? Certificate(ClusterTlsOptions options, string prefix, bool required)
    {
        if (string.IsNullOrEmpty(options.CertificateFile))
        {
            return required
                ? throw new InvalidOperationException($"{prefix}{nameof(ClusterTlsOptions.CertificateFile)} is empty: a silo with TLS needs its certificate.")
                : null;
        }

        return CertificateFiles.LoadWithKey(options.CertificateFile, prefix + nameof(ClusterTlsOptions.CertificateFile),
            string.IsNullOrEmpty(options.KeyFile) ? null : options.KeyFile, prefix + nameof(ClusterTlsOptions.KeyFile), options.CertificatePassword);
    }

    /// <summary>
    /// Accepts a peer's certificate that chains to <paramref name="authorities"/>; the host name is not checked (silos are
    /// addressed by IP), so the CA alone vouches for a peer.
    /// </summary>
    public static bool IsTrustedPeer(X509Certificate2 certificate, SslPolicyErrors errors, X509Certificate2Collection authorities) =>
        CertificateFiles.IsTrusted(certificate, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch, authorities, out _);
}
