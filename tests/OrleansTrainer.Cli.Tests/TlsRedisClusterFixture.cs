using System.Globalization;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// A cluster of two silo processes whose Redis serves TLS only (<c>--port 0 --tls-port</c>, a certificate of a CA made
/// for the test) to one ACL user with a password; and a second CA that vouches for nothing here.
/// </summary>
public class TlsRedisClusterFixture : IAsyncLifetime
{
    private readonly bool _mutual;

    /// <summary>A cluster whose Redis asks clients for no certificate.</summary>
    public TlsRedisClusterFixture()
        : this(mutual: false)
    {
    }

    /// <summary>A cluster whose Redis, when <paramref name="mutual"/>, also requires a client certificate of the CA (the silos present one).</summary>
    protected TlsRedisClusterFixture(bool mutual) => _mutual = mutual;

    /// <summary>The ACL user.</summary>
    public const string User = "otrain";

    /// <summary>The user's password.</summary>
    public const string Password = "tls-test-password";

    private readonly string _work = Directory.CreateTempSubdirectory("otrain-redis-tls-").FullName;

    /// <summary>The CA that issued Redis's certificate.</summary>
    public CertificateAuthority Ca { get; private set; } = null!;

    /// <summary>A CA that did not.</summary>
    public CertificateAuthority OtherCa { get; private set; } = null!;

    /// <summary>The cluster.</summary>
    public LocalTrainerCluster Cluster { get; private set; } = null!;

    /// <summary>Redis's address, <c>127.0.0.1:PORT</c>.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Cluster.Redis.Port}");

    /// <summary>A path in the fixture's temporary folder.</summary>
    public string PathOf(string name) => Path.Combine(_work, name);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Ca = CertificateAuthority.Create(_work, "redis-ca");
        OtherCa = CertificateAuthority.Create(_work, "other-ca");
        Cluster = await LocalTrainerCluster.StartAsync(2, new Dictionary<string, string>(),
            new RedisServerSecurity(Ca.Issue("redis"), Ca.CaFile, User, Password, _mutual ? Ca.Issue("redis-client") : null));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Ca.Dispose();
        OtherCa.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}
