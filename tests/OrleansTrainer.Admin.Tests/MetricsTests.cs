using System.Net;

namespace OrleansTrainer.Admin.Tests;

/// <summary>The console's Prometheus scrape endpoint.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class MetricsTests(AdminConsoleFixture fixture)
{
    [Fact]
    public async Task Metrics_answer_without_credentials_with_the_consoles_http_orleans_and_runtime_metrics()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        using var response = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var exposition = await response.Content.ReadAsStringAsync();
        Assert.Matches("(?m)^http_server_request_duration_seconds_count\\{", exposition);
        Assert.Matches("(?m)^orleans_", exposition);
        Assert.Matches("(?m)^dotnet_", exposition);
    }
}
