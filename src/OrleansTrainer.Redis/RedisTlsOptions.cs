namespace OrleansTrainer.Redis;

/// <summary>
/// Certificates for a TLS connection to Redis, as files (a Kubernetes Secret mounted as a volume works as is): the CA
/// that issued the server's certificate, and optionally a client certificate and its key for mutual TLS. Naming any of
/// them turns TLS on; <c>ssl=true</c> in the connection string alone trusts the machine's CAs.
/// </summary>
public sealed class RedisTlsOptions
{
    /// <summary>PEM file of the CA certificate(s) the server's certificate must chain to; the machine's CAs are not used.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the client certificate, for a Redis that requires one (<c>tls-auth-clients yes</c>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of the client certificate's private key (unencrypted); required with <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Whether any certificate file is named, which turns TLS on.</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(CaFile) || !string.IsNullOrEmpty(CertificateFile);
}
