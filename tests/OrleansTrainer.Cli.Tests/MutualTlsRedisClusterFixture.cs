namespace OrleansTrainer.Cli.Tests;

/// <summary>The TLS cluster of <see cref="TlsRedisClusterFixture"/> whose Redis also requires a client certificate of its CA.</summary>
public sealed class MutualTlsRedisClusterFixture() : TlsRedisClusterFixture(mutual: true);
