namespace OrleansTrainer.Redis;

/// <summary>
/// TLS between silos and between clients and the silos' gateways (Orleans' own connections), with certificates from
/// files (a Kubernetes Secret mounted as a volume works as is). Identity is the CA: a peer is trusted when its
/// certificate chains to <see cref="CaFile"/>, whatever its address (pod IPs change).
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>
    /// This process's certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or PEM with its key in <see cref="KeyFile"/>.
    /// Required on a silo with TLS; on a client, only for a cluster that requires client certificates.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of the private key of a PEM <see cref="CertificateFile"/>; unset when the certificate file holds it.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="CertificateFile"/>; unset for none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM file of the CA certificate(s) that silos' (and clients') certificates must chain to. Required with TLS.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Mutual TLS: a silo refuses connections, from silos and clients alike, that present no certificate of
    /// <see cref="CaFile"/>. Without it, a client needs no certificate (silos always present theirs). Default false.
    /// </summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>Whether TLS is on: a certificate or a CA file is named.</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(CertificateFile) || !string.IsNullOrEmpty(CaFile);
}
