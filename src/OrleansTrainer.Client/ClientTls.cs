using Orleans.Connections.Security;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Client;

/// <summary>TLS on a client's connections to the silos' gateways.</summary>
public static class ClientTls
{
    /// <summary>
    /// With <see cref="ClusterTlsOptions.IsEnabled"/>: the client accepts a gateway only with a certificate of the CA file,
    /// and presents its own certificate when one is named (required by a cluster with
    /// <see cref="ClusterTlsOptions.RequireClientCertificate"/>). <paramref name="prefix"/> names the settings in errors.
    /// </summary>
    /// <exception cref="InvalidOperationException">The CA file is not named, or a certificate file cannot be read.</exception>
    public static IClientBuilder UseTrainerTls(this IClientBuilder client, ClusterTlsOptions options, string prefix)
    {
        if (!options.IsEnabled)
        {
            return client;
        }

        var certificate = ClusterTls.Certificate(options, prefix, required: false);
        var authorities = ClusterTls.Authorities(options, prefix);
        return client.UseTls(tls =>
        {
            tls.LocalCertificate = certificate;
            tls.RemoteCertificateValidation = (gateway, _, errors) => ClusterTls.IsTrustedPeer(gateway, errors, authorities);
        });
    }
}
