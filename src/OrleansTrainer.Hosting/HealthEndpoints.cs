using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace OrleansTrainer.Hosting;

/// <summary>
/// The health checks every OrleansTrainer host shares and the three endpoints Kubernetes probes. Each endpoint answers
/// 200 when all checks with its tag are healthy and 503 otherwise, with the overall status as plain text.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Startup probe: <see cref="HealthTags.Startup"/> checks.</summary>
    public const string StartupPath = "/health/startup";

    /// <summary>Readiness probe: <see cref="HealthTags.Ready"/> checks.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Liveness probe: <see cref="HealthTags.Live"/> checks (none by default: answering at all is the proof).</summary>
    public const string LivePath = "/health/live";

    /// <summary>
    /// Adds health checks and the shared ones: the host has started (startup, ready) and Redis answers a PING (ready).
    /// The Redis check uses the <see cref="StackExchange.Redis.IConnectionMultiplexer"/> registered in
    /// <paramref name="services"/>; register one. Add host-specific checks to the returned builder.
    /// </summary>
    public static IHealthChecksBuilder AddTrainerHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<StartedHealthCheck>("started", tags: [HealthTags.Startup, HealthTags.Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);

    /// <summary>
    /// Serves the health endpoints on a server of their own at <paramref name="endpoint"/> (<see cref="HealthEndpointServer"/>),
    /// with the Prometheus scrape endpoint too when OpenTelemetry metrics are registered
    /// (<see cref="TrainerTelemetryExtensions.AddTrainerTelemetry"/>). Call it before registering the host's other hosted
    /// services (before <c>UseOrleans</c>), so that it starts first and stops last.
    /// </summary>
    public static IServiceCollection AddHealthEndpointServer(this IServiceCollection services, IPEndPoint endpoint) =>
        services.AddHostedService(provider => new HealthEndpointServer(endpoint, provider.GetRequiredService<HealthCheckService>(),
            provider.GetService<MeterProvider>()));

    /// <summary>
    /// Maps <see cref="StartupPath"/>, <see cref="ReadyPath"/> and <see cref="LivePath"/>, open to anonymous requests
    /// (probes carry no credentials) even where the host requires authentication everywhere else.
    /// </summary>
    public static IEndpointRouteBuilder MapTrainerHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(StartupPath, Tagged(HealthTags.Startup)).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, Tagged(HealthTags.Ready)).AllowAnonymous();
        endpoints.MapHealthChecks(LivePath, Tagged(HealthTags.Live)).AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckOptions Tagged(string tag) => new() { Predicate = check => check.Tags.Contains(tag) };
}
