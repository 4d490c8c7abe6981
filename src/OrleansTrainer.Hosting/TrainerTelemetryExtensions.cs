using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OrleansTrainer.Hosting;

/// <summary>
/// OpenTelemetry for every OrleansTrainer host, in one place (as .NET Aspire's service defaults do): the host's own
/// meters, Orleans' meter and the .NET runtime's, for a Prometheus scrape at <see cref="MetricsPath"/>; and, when
/// <see cref="OtlpEndpointKey"/> is set, traces (the host's activity sources and Orleans'), metrics and logs sent over
/// OTLP, configured by the standard <c>OTEL_*</c> settings.
/// </summary>
public static class TrainerTelemetryExtensions
{
    /// <summary>Where the Prometheus scrape endpoint is served.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The standard setting that names the OTLP collector; without it nothing is exported over OTLP.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' meter: messaging, grain calls, activations, membership, storage.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    /// <summary>
    /// Adds OpenTelemetry with the service name <paramref name="serviceName"/>: metrics of <paramref name="meters"/>,
    /// Orleans and the runtime for the Prometheus exporter (serve them with
    /// <see cref="HealthEndpoints.AddHealthEndpointServer"/> or <c>MapPrometheusScrapingEndpoint</c>), and the OTLP
    /// export of traces from <paramref name="activitySources"/> and Orleans, metrics and logs when
    /// <see cref="OtlpEndpointKey"/> is configured. Tracing is off otherwise, so that no span is made for nothing.
    /// </summary>
    public static IHostApplicationBuilder AddTrainerTelemetry(this IHostApplicationBuilder builder, string serviceName,
        IEnumerable<string> meters, IEnumerable<string> activitySources)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter([OrleansMeter, .. meters])
                .AddRuntimeInstrumentation()
                // No cached scrape: a scrape right after a round shows it (the exporter caches 300 ms by default).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry.WithTracing(tracing => tracing.AddSource([.. OrleansActivitySources, .. activitySources]))
                .UseOtlpExporter();
        }

        return builder;
    }
}
