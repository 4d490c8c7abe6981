using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;

namespace OrleansTrainer.Hosting.Tests;

/// <summary>The shared checks and endpoints in a real host, against a real redis-server, over HTTP.</summary>
public sealed class HealthEndpointServerTests
{
    [Fact]
    public async Task Endpoints_follow_the_host_lifetime_and_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(
            new ConfigurationOptions { EndPoints = { redis.ConnectionString }, AbortOnConnectFail = false }));
        builder.Services.AddTrainerHealthChecks();
        builder.Services.AddHealthEndpointServer(new IPEndPoint(IPAddress.Loopback, port));
        using var host = builder.Build();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.StartupPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative))).StatusCode);

        await redis.StopAsync();
        var checks = host.Services.GetRequiredService<HealthCheckService>();
        await WaitUntilAsync(async () => (await checks.CheckHealthAsync(c => c.Name == "redis")).Status == HealthStatus.Unhealthy);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.StartupPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative))).StatusCode);
        await redis.StartAgainAsync();

        // Stopping: the checks say so while the endpoints still answer; once the host has stopped, nothing listens.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri(HealthEndpoints.StartupPath, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative))).StatusCode);
        await host.StopAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
