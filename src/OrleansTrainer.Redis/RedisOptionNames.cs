namespace OrleansTrainer.Redis;

/// <summary>
/// How a process calls its Redis settings (a configuration key, a command-line option), so that an error names the one
/// to fix.
/// </summary>
/// <param name="ConnectionString">The connection string's setting.</param>
/// <param name="CaFile">The setting of <see cref="RedisTlsOptions.CaFile"/>.</param>
/// <param name="CertificateFile">The setting of <see cref="RedisTlsOptions.CertificateFile"/>.</param>
/// <param name="KeyFile">The setting of <see cref="RedisTlsOptions.KeyFile"/>.</param>
public sealed record RedisOptionNames(string ConnectionString, string CaFile, string CertificateFile, string KeyFile)
{
    /// <summary>The configuration keys <c>SECTION:Redis</c> and <c>SECTION:RedisTls:CaFile</c>, <c>...:CertificateFile</c>, <c>...:KeyFile</c>.</summary>
    public static RedisOptionNames InSection(string section) =>
        new($"{section}:Redis", $"{section}:RedisTls:CaFile", $"{section}:RedisTls:CertificateFile", $"{section}:RedisTls:KeyFile");
}
