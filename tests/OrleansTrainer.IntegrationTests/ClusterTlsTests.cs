using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.Redis;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Two silo processes with mutual TLS on every Orleans connection (certificates of a CA made for the test, PEM for one
/// silo and PKCS#12 for the other): a client with a certificate of that CA trains a job; a silo whose certificate another
/// CA issued never joins and the cluster keeps training; a client without a certificate is refused with an error that
/// names the setting.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Longer than the intruder's join attempts (10 s) and the members' probes that would declare it dead.
    private static readonly TimeSpan JoinWindow = TimeSpan.FromSeconds(20);
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-cluster-tls-").FullName;
    private CertificateAuthority _ca = null!;
    private LocalTrainerCluster _cluster = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _ca = CertificateAuthority.Create(_work, "cluster-ca");
        _cluster = await LocalTrainerCluster.StartAsync(0, new Dictionary<string, string>());
        var pem = _ca.Issue("silo-pem");
        await _cluster.AddSiloAsync(SiloSettings(_ca.CaFile, pem.CertificateFile, pem.KeyFile));
        await _cluster.AddSiloAsync(SiloSettings(_ca.CaFile, _ca.Issue("silo-pfx").PfxFile, keyFile: null));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_job_trains_over_mutual_TLS_and_a_silo_of_another_CA_never_joins()
    {
        var certificate = _ca.Issue("client");
        await using var client = await TrainerClient.ConnectAsync(ClientOptions(new ClusterTlsOptions
        {
            CaFile = _ca.CaFile, CertificateFile = certificate.CertificateFile, KeyFile = certificate.KeyFile,
        }));
        await client.CreateDatasetFromCsvAsync("diabetes", TestData.BundledPath("diabetes"), new CsvIngestOptions { LabelColumn = "progression", ShardCount = 2 });
        await TrainAsync(client, "before");

        using var other = CertificateAuthority.Create(_work, "other-ca");
        var certificateOfOtherCa = other.Issue("intruder");
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        var clock = Stopwatch.StartNew();
        await using var intruder = await SiloProcess.StartAsync("intruder", _cluster.Redis.ConnectionString, _cluster.ClusterId, _cluster.ServiceId,
            new Dictionary<string, string>(SiloSettings(_ca.CaFile, certificateOfOtherCa.CertificateFile, certificateOfOtherCa.KeyFile))
            {
                ["Orleans:Membership:MaxJoinAttemptTime"] = "00:00:10",
            });
        // The property is that the intruder never becomes active; on a loaded machine a legitimate silo may be voted
        // dead and rejoin meanwhile, which is the membership's business, not TLS's.
        while (clock.Elapsed < JoinWindow && !intruder.HasExited)
        {
            var active = await management.GetHosts(onlyActive: true);
            Assert.True(active.Keys.All(silo => silo.Endpoint.Port != intruder.SiloPort), $"the intruder is active: {string.Join(", ", active.Keys)}\n{intruder.Tail()}");
            await Task.Delay(500);
        }

        output.WriteLine($"silo with another CA's certificate: {(intruder.HasExited ? $"exited ({intruder.ExitCode})" : "still not active")} after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.DoesNotContain((await management.GetHosts(onlyActive: true)).Keys, silo => silo.Endpoint.Port == intruder.SiloPort);
        await TrainAsync(client, "after");
    }

    [Fact]
    public async Task A_client_without_a_certificate_is_refused_naming_the_certificate_setting()
    {
        var options = ClientOptions(new ClusterTlsOptions { CaFile = _ca.CaFile });
        options.ConnectTimeout = TimeSpan.FromSeconds(3);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TrainerClient.ConnectAsync(options));
        output.WriteLine($"client without a certificate: refused after {clock.Elapsed.TotalSeconds:F1} s: {error.Message}");
        Assert.Contains($"No gateway of cluster {_cluster.ClusterId} accepted the connection", error.Message);
        Assert.Contains("TrainerClientOptions.Tls.CertificateFile", error.Message);
    }

    private static Dictionary<string, string> SiloSettings(string caFile, string certificateFile, string? keyFile)
    {
        var settings = new Dictionary<string, string>
        {
            ["OrleansTrainer:Tls:CaFile"] = caFile,
            ["OrleansTrainer:Tls:CertificateFile"] = certificateFile,
            ["OrleansTrainer:Tls:RequireClientCertificate"] = "true",
        };
        if (keyFile is not null)
        {
            settings["OrleansTrainer:Tls:KeyFile"] = keyFile;
        }

        return settings;
    }

    private TrainerClientOptions ClientOptions(ClusterTlsOptions tls)
    {
        var options = _cluster.ClientOptions;
        options.Tls = tls;
        return options;
    }

    private static async Task TrainAsync(TrainerClient client, string name)
    {
        var (status, _) = await Training.RunAsync(client, new JobSpec
        {
            Name = name, Dataset = "diabetes", Solver = SolverKind.NormalEquations, L2 = 0.01,
        });
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
    }
}
