using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace OrleansTrainer.Hosting;

/// <summary>
/// A small HTTP server of its own (Kestrel on <see cref="Endpoint"/>) that serves <see cref="HealthEndpoints"/> from
/// the host's health checks, for hosts that are not web applications (the silo), and, given the host's
/// <see cref="MeterProvider"/> (<see cref="TrainerTelemetryExtensions.AddTrainerTelemetry"/>), its metrics for
/// Prometheus at <see cref="TrainerTelemetryExtensions.MetricsPath"/>. Registered before the host's other services, it
/// starts first and stops last: the probes get answers while the silo joins (startup 503) and while it drains on
/// SIGTERM (ready 503, live 200), not connection refusals.
/// </summary>
public sealed class HealthEndpointServer(IPEndPoint endpoint, HealthCheckService checks, MeterProvider? metrics = null) : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint => endpoint;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(checks);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        _server = builder.Build();
        _server.MapTrainerHealthEndpoints();
        if (metrics is not null)
        {
            _server.MapPrometheusScrapingEndpoint(TrainerTelemetryExtensions.MetricsPath, metrics, configureBranchedPipeline: null, optionsName: null);
        }

        await _server.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
