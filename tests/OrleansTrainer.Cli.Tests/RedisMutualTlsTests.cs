using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using Xunit.Abstractions;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// A Redis that requires a client certificate of its CA besides the ACL user (mutual TLS, <c>--tls-auth-clients yes</c>):
/// silos presenting one form the cluster and train; otrain trains with <c>--redis-cert</c>/<c>--redis-key</c>, and is
/// refused with one line without a certificate or with one of another CA.
/// </summary>
public sealed class RedisMutualTlsTests(MutualTlsRedisClusterFixture fixture, ITestOutputHelper output) : IClassFixture<MutualTlsRedisClusterFixture>
{
    private readonly LocalTrainerCluster _cluster = fixture.Cluster;

    private static string Diabetes => Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv");

    [Fact]
    public async Task A_job_trains_with_the_client_certificate_and_the_client_reads_its_model()
    {
        var tls = _cluster.Redis.Tls;
        string[] certificate = ["--redis-cert", tls.CertificateFile!, "--redis-key", tls.KeyFile!];
        var upload = await OtrainAsync(["dataset", "upload", Diabetes, "--name", "diabetes", "--shards", "2", "--label", "progression", .. certificate]);
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        var train = await OtrainAsync(["train", "--dataset", "diabetes", "--name", "ridge", "--solver", "normal", "--l2", "0.01", "--watch", .. certificate]);
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        Assert.Contains("job ridge Completed", train.Output);

        await using var client = await TrainerClient.ConnectAsync(_cluster.ClientOptions);
        Assert.Equal(10, (await client.GetModelAsync("ridge")).FeatureCount);
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_with_one_line()
    {
        var run = await OtrainAsync(["job", "list"]);
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"Redis at {fixture.Endpoint} closed the TLS connection", line);
        Assert.Contains("a server that requires a client certificate (--redis-cert ($OTRAIN_REDIS_CERT), --redis-key ($OTRAIN_REDIS_KEY))", line);
        Assert.DoesNotContain(TlsRedisClusterFixture.Password, line);
    }

    [Fact]
    public async Task A_certificate_of_another_CA_is_refused_with_one_line()
    {
        var stranger = fixture.OtherCa.Issue("stranger");
        var run = await OtrainAsync(["job", "list", "--redis-cert", stranger.CertificateFile, "--redis-key", stranger.KeyFile]);
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"Redis at {fixture.Endpoint}", line);
    }

    private Task<Otrain.Run> OtrainAsync(string[] args) =>
        Otrain.RunAsync([.. args, "--cluster", _cluster.Redis.ConnectionString, "--cluster-id", _cluster.ClusterId, "--service-id", _cluster.ServiceId,
            "--redis-ca", fixture.Ca.CaFile]);
}
