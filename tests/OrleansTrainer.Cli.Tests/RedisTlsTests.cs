using System.Diagnostics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.Redis;
using Xunit.Abstractions;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// A cluster whose Redis serves TLS only (<c>--port 0 --tls-port</c>, certificates of a CA made for the test) to one ACL
/// user with a password: the silos, the client and otrain train a job through it, and a plain connection, a wrong
/// password and a wrong CA are refused within seconds with one line that says what to fix.
/// </summary>
public sealed class RedisTlsTests(TlsRedisClusterFixture fixture, ITestOutputHelper output) : IClassFixture<TlsRedisClusterFixture>
{
    private const string User = TlsRedisClusterFixture.User;
    private const string Password = TlsRedisClusterFixture.Password;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly LocalTrainerCluster _cluster = fixture.Cluster;
    private readonly CertificateAuthority _ca = fixture.Ca;
    private readonly CertificateAuthority _otherCa = fixture.OtherCa;

    private static string Diabetes => Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv");

    private string Endpoint => fixture.Endpoint;

    [Fact]
    public async Task A_job_trains_over_TLS_as_the_ACL_user_and_the_client_reads_its_model()
    {
        var upload = await OtrainAsync(["dataset", "upload", Diabetes, "--name", "diabetes", "--shards", "2", "--label", "progression"], _cluster.Redis.ConnectionString, _ca.CaFile);
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        var train = await OtrainAsync(["train", "--dataset", "diabetes", "--name", "ridge", "--solver", "normal", "--l2", "0.01", "--watch"], _cluster.Redis.ConnectionString, _ca.CaFile);
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        Assert.Contains("job ridge Completed", train.Output);

        await using var client = await TrainerClient.ConnectAsync(_cluster.ClientOptions);
        var model = await client.GetModelAsync("ridge");
        Assert.Equal(10, model.FeatureCount);
    }

    [Fact]
    public async Task A_plain_connection_is_refused_with_one_line_saying_the_server_wants_TLS()
    {
        var line = await RefusedAsync($"{Endpoint},user={User},password={Password}", caFile: null);
        Assert.Contains($"Redis at {Endpoint} closed the connection before answering: if it serves TLS, set ssl=true", line);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_one_line_naming_the_user_and_the_endpoint()
    {
        var line = await RefusedAsync($"{Endpoint},ssl=true,user={User},password=wrong", _ca.CaFile);
        Assert.Contains($"Redis at {Endpoint} refused user {User}: wrong password", line);
        Assert.DoesNotContain("wrong,", line);

        var error = await Assert.ThrowsAsync<RedisAccessException>(() => TrainerClient.ConnectAsync(new TrainerClientOptions
        {
            Redis = $"{Endpoint},ssl=true,user={User},password=wrong", RedisTls = _cluster.Redis.Tls, ClusterId = _cluster.ClusterId,
        }));
        Assert.Equal(RedisAccessFailure.Authentication, error.Failure);
    }

    [Fact]
    public async Task A_wrong_CA_is_refused_within_seconds_naming_the_CA_option_on_the_CLI_the_client_and_a_silo()
    {
        var line = await RefusedAsync(_cluster.Redis.ConnectionString, _otherCa.CaFile);
        Assert.Contains($"Redis at {Endpoint}: the server certificate was not trusted", line);
        Assert.Contains($"it must be issued by the CA in --redis-ca ($OTRAIN_REDIS_CA) ({_otherCa.CaFile})", line);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisAccessException>(() => TrainerClient.ConnectAsync(new TrainerClientOptions
        {
            Redis = _cluster.Redis.ConnectionString, RedisTls = new RedisTlsOptions { CaFile = _otherCa.CaFile }, ClusterId = _cluster.ClusterId,
        }));
        output.WriteLine($"client, wrong CA: refused after {clock.Elapsed.TotalSeconds:F2} s");
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("TrainerClientOptions.RedisTls.CaFile", error.Message);

        clock.Restart();
        var silo = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync("silo-wrong-ca", _cluster.Redis.ConnectionString,
            _cluster.ClusterId, _cluster.ServiceId, new Dictionary<string, string> { ["OrleansTrainer:RedisTls:CaFile"] = _otherCa.CaFile }));
        output.WriteLine($"silo, wrong CA: exited after {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Contains("silo refuses to start: Redis at", silo.Message);
        Assert.Contains("the server certificate was not trusted", silo.Message);
        Assert.Contains("OrleansTrainer:RedisTls:CaFile", silo.Message);
    }

    [Fact]
    public async Task A_missing_CA_file_is_refused_naming_the_option()
    {
        var missing = fixture.PathOf("missing.crt");
        var line = await RefusedAsync(_cluster.Redis.ConnectionString, missing);
        Assert.Contains($"--redis-ca ($OTRAIN_REDIS_CA) names {missing}, which does not exist", line);
    }

    // otrain job list against the cluster with these settings: a failure within the bound, one line, no stack trace, no password.
    private async Task<string> RefusedAsync(string redis, string? caFile)
    {
        var clock = Stopwatch.StartNew();
        var run = await OtrainAsync(["job", "list"], redis, caFile);
        output.WriteLine($"otrain job list ({redis.Replace(Password, "***", StringComparison.Ordinal)}, CA {caFile}): exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:F2} s\n{run.Error}");
        Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed.TotalSeconds:F1} s\n{run}");
        Assert.True(run.ExitCode == ExitCodes.Failure, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain(Password, line);
        return line;
    }

    private Task<Otrain.Run> OtrainAsync(string[] args, string redis, string? caFile) =>
        Otrain.RunAsync([.. args, "--cluster", redis, "--cluster-id", _cluster.ClusterId, "--service-id", _cluster.ServiceId,
            .. caFile is null ? Array.Empty<string>() : ["--redis-ca", caFile]]);
}
