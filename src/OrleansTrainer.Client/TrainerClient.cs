using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Redis;

namespace OrleansTrainer.Client;

/// <summary>
/// The entry point for .NET users: connects to an OrleansTrainer cluster, ingests datasets, starts and watches jobs,
/// and fetches trained models.
/// </summary>
public sealed partial class TrainerClient : IAsyncDisposable
{
    private readonly IHost? _host;

    /// <summary>Wraps an Orleans client that is already connected (for instance inside a silo host or a test cluster).</summary>
    public TrainerClient(IClusterClient cluster)
    {
        Cluster = cluster;
    }

    private TrainerClient(IClusterClient cluster, IHost host)
        : this(cluster)
    {
        _host = host;
    }

    /// <summary>The underlying Orleans client.</summary>
    public IClusterClient Cluster { get; }

    private const string TlsPrefix = "TrainerClientOptions.Tls.";

    /// <summary>How <see cref="TrainerClientOptions"/> names its Redis settings in errors.</summary>
    private static readonly RedisOptionNames RedisNames = new(
        "TrainerClientOptions.Redis", "TrainerClientOptions.RedisTls.CaFile", "TrainerClientOptions.RedisTls.CertificateFile", "TrainerClientOptions.RedisTls.KeyFile");

    /// <summary>
    /// Connects to the cluster whose membership lives in <see cref="TrainerClientOptions.Redis"/>. A Redis that answers but
    /// refuses the client (certificate, TLS, user or password) fails at once with a <see cref="RedisAccessException"/>.
    /// </summary>
    /// <exception cref="RedisAccessException">Redis refused the connection, the user or the certificates.</exception>
    /// <exception cref="InvalidOperationException">
    /// A certificate file of <see cref="TrainerClientOptions.RedisTls"/> or <see cref="TrainerClientOptions.Tls"/> is missing or
    /// unreadable; or no gateway accepted the client within <see cref="TrainerClientOptions.ConnectTimeout"/>, the message
    /// naming the TLS settings to check.
    /// </exception>
    public static async Task<TrainerClient> ConnectAsync(TrainerClientOptions options, CancellationToken cancellationToken = default)
    {
        await TrainerRedisConnection.VerifyAsync(options.Redis, options.RedisTls, RedisNames, cancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        // Standard error only: programs on the client (otrain --json) keep standard output for their own output.
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.ConnectTimeout.TotalSeconds * Stopwatch.Frequency);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseRedisClustering(redis => redis.ConfigurationOptions = TrainerRedisConnection.Options(options.Redis, options.RedisTls, RedisNames));
            client.UseTrainerTls(options.Tls, TlsPrefix);
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                return true;
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            host.Dispose();
            throw new InvalidOperationException($"No gateway of cluster {options.ClusterId} accepted the connection within {options.ConnectTimeout.TotalSeconds:0} s: "
                + (options.Tls.IsEnabled
                    ? $"if the silos require client certificates, name this client's with {TlsPrefix}CertificateFile; {TlsPrefix}CaFile must name the CA of the silos' certificates"
                    : $"if the silos use TLS, name the CA of their certificates with {TlsPrefix}CaFile") + $" ({error.Message})", error);
        }

        return new TrainerClient(host.Services.GetRequiredService<IClusterClient>(), host);
    }

    /// <summary>The dataset's description; <see cref="DatasetStatus.None"/> if it does not exist.</summary>
    public Task<DatasetInfo> GetDatasetAsync(string name, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(name, "dataset name");
        return Dataset(name).GetInfoAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes a dataset and its rows. Refused (<see cref="InvalidOperationException"/>, naming them) while running or
    /// paused jobs train or validate on it, unless <paramref name="force"/>, which cancels those jobs first, the reason
    /// recorded in their history. Returns the jobs cancelled.
    /// </summary>
    public Task<string[]> DeleteDatasetAsync(string name, bool force = false, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(name, "dataset name");
        return Dataset(name).DeleteAsync(force).WaitAsync(cancellationToken);
    }

    /// <summary>Starts a job; returns as soon as the cluster has accepted it.</summary>
    public Task<JobStatusInfo> StartJobAsync(JobSpec spec, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(spec.Name, "job name");
        return Trainer(spec.Name).StartAsync(spec).WaitAsync(cancellationToken);
    }

    /// <summary>The job's current state.</summary>
    public Task<JobStatusInfo> GetJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).GetStatusAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Asks a job to stop at its next round boundary.</summary>
    public Task<JobStatusInfo> CancelJobAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return Trainer(job).CancelAsync().WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Streams the job's round metrics from <paramref name="fromRound"/> on, as rounds commit, and ends once the job
    /// has stopped and every round has been delivered.
    /// </summary>
    public async IAsyncEnumerable<RoundMetrics> WatchAsync(string job, long fromRound = 0, TimeSpan? pollInterval = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        var trainer = Trainer(job);
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        var next = fromRound;
        while (true)
        {
            var status = await trainer.GetStatusAsync().WaitAsync(cancellationToken);
            if (status.Status == JobStatus.None)
            {
                throw new InvalidOperationException($"Job \"{job}\" does not exist.");
            }

            while (next < status.Round)
            {
                var batch = await trainer.GetMetricsAsync(next, 1000).WaitAsync(cancellationToken);
                if (batch.Length == 0)
                {
                    break;
                }

                foreach (var metrics in batch)
                {
                    yield return metrics;
                }

                next += batch.Length;
            }

            if (status.IsFinished && next >= status.Round)
            {
                yield break;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>Waits until the job has stopped and returns its final state.</summary>
    public async Task<JobStatusInfo> WaitForJobAsync(string job, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var status = await Trainer(job).GetStatusAsync().WaitAsync(cancellationToken);
            if (status.Status == JobStatus.None)
            {
                throw new InvalidOperationException($"Job \"{job}\" does not exist.");
            }

            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    /// <summary>The job's model as of its last committed round, for local prediction.</summary>
    public async Task<LinearModel> GetModelAsync(string job, CancellationToken cancellationToken = default)
    {
        ResourceName.Validate(job, "job name");
        return LinearModel.From(await Trainer(job).GetModelAsync().WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private IDatasetGrain Dataset(string name) => Cluster.Dataset(name);

    private ITrainerGrain Trainer(string job) => Cluster.Trainer(job);
}
