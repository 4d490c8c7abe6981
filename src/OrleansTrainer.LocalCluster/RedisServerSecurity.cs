namespace OrleansTrainer.LocalCluster;

/// <summary>
/// A <see cref="RedisServer"/> reachable only over TLS (no plain port) and only as one ACL user with a password (the
/// default user is off).
/// </summary>
/// <param name="Server">The server's certificate and key.</param>
/// <param name="CaFile">The CA (PEM) that issued it, and that client certificates must chain to.</param>
/// <param name="User">The ACL user, allowed every command and key.</param>
/// <param name="Password">The user's password.</param>
/// <param name="Client">With mutual TLS, the certificate (issued by <paramref name="CaFile"/>) that clients present and
/// the server requires; null when the server asks for none.</param>
public sealed record RedisServerSecurity(CertificateFileSet Server, string CaFile, string User, string Password, CertificateFileSet? Client = null);
