using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansTrainer.LocalCluster;

/// <summary>A certificate and its key as files: PEM certificate, PEM (PKCS#8) key, and both in a PKCS#12 file without password.</summary>
/// <param name="CertificateFile">The PEM certificate.</param>
/// <param name="KeyFile">The PEM private key.</param>
/// <param name="PfxFile">Certificate and key as PKCS#12.</param>
public sealed record CertificateFileSet(string CertificateFile, string KeyFile, string PfxFile);

/// <summary>
/// A throw-away certificate authority for TLS on loopback: a self-signed CA (ECDSA P-256) whose certificate is written as
/// PEM to a folder, and certificates it issues for <c>127.0.0.1</c> and <c>localhost</c>, usable by servers and clients.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly string _directory;

    private CertificateAuthority(X509Certificate2 certificate, string directory, string caFile)
    {
        _certificate = certificate;
        _directory = directory;
        CaFile = caFile;
    }

    /// <summary>The CA certificate (PEM): what a peer trusts.</summary>
    public string CaFile { get; }

    /// <summary>Makes a CA named <paramref name="name"/> and writes its certificate to <c>DIRECTORY/NAME.crt</c>.</summary>
    public static CertificateAuthority Create(string directory, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var caFile = Path.Combine(directory, name + ".crt");
        File.WriteAllText(caFile, certificate.ExportCertificatePem());
        return new CertificateAuthority(certificate, directory, caFile);
    }

    /// <summary>Issues a certificate for <c>127.0.0.1</c> and <c>localhost</c>, for server and client use, written as <c>NAME.crt</c>, <c>NAME.key</c> and <c>NAME.pfx</c>.</summary>
    public CertificateFileSet Issue(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        var files = new CertificateFileSet(Path.Combine(_directory, name + ".crt"), Path.Combine(_directory, name + ".key"), Path.Combine(_directory, name + ".pfx"));
        File.WriteAllText(files.CertificateFile, withKey.ExportCertificatePem());
        File.WriteAllText(files.KeyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(files.PfxFile, withKey.Export(X509ContentType.Pfx));
        return files;
    }

    /// <inheritdoc />
    public void Dispose() => _certificate.Dispose();
}
