using System.Globalization;
using System.Net;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Asks a silo process's health endpoints, as Kubernetes' probes do.</summary>
internal sealed class HealthProbe(int port) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The status code of <c>GET /health/{probe}</c>, or null when nothing answered.</summary>
    public async Task<HttpStatusCode?> StatusAsync(string probe)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/health/{probe}")));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Asks until <c>/health/{probe}</c> answers <paramref name="expected"/>; fails after <paramref name="patience"/>.</summary>
    public async Task WaitForAsync(string probe, HttpStatusCode expected, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        HttpStatusCode? last = null;
        while (!timeout.IsCancellationRequested)
        {
            last = await StatusAsync(probe);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        Assert.Fail($"/health/{probe} answered {last?.ToString() ?? "nothing"}, not {expected}, for {patience.TotalSeconds:F0} s.");
    }

    public void Dispose() => _http.Dispose();
}
