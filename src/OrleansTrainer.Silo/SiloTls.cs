using Orleans.Connections.Security;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Silo;

/// <summary>TLS on the silo's connections: to and from other silos, and from clients at the gateway.</summary>
public static class SiloTls
{
    /// <summary>The prefix of the settings' names in errors.</summary>
    public const string Prefix = SiloHostOptions.Section + ":" + nameof(SiloHostOptions.Tls) + ":";

    /// <summary>
    /// With <see cref="ClusterTlsOptions.IsEnabled"/>: the silo presents its certificate on every connection, and accepts a
    /// peer only with a certificate of the CA file (silos always present one; clients must with
    /// <see cref="ClusterTlsOptions.RequireClientCertificate"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The certificate or the CA file is not named or cannot be read.</exception>
    public static ISiloBuilder UseTrainerTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        if (!options.IsEnabled)
        {
            return silo;
        }

        var certificate = ClusterTls.Certificate(options, Prefix, required: true)!;
        var authorities = ClusterTls.Authorities(options, Prefix);
        return silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = options.RequireClientCertificate ? RemoteCertificateMode.RequireCertificate : RemoteCertificateMode.AllowCertificate;
            tls.RemoteCertificateValidation = (peer, _, errors) => ClusterTls.IsTrustedPeer(peer, errors, authorities);
        });
    }
}
